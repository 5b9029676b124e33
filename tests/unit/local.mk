# cmocka unit tests: one program per module
