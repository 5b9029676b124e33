# Test programs and scripts; each module's tests are listed in tests/*.mk
# fragments included below, so that parallel work does not collide.
include tests/unit/local.mk
include tests/cli/local.mk
include tests/alloc/local.mk
