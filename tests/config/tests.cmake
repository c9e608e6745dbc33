# Tests of tests/config.
