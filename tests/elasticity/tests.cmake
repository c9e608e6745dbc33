# Tests of tests/elasticity.
