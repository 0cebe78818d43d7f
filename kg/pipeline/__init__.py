"""Pipeline: load, import, reason, validate, build, and the contributed files they read."""
