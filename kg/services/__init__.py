"""Services: read models and writes (courses, profiles, tailoring, gap analysis, coverage,
mappings, the dataset's description) that the CLI, the REST API and the site call."""
