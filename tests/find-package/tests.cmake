# Tests of tests/find-package.
