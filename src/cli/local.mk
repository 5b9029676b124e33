src_vitae_SOURCES += \
	src/cli/main.c src/cli/cmd.h src/cli/cli.c \
	src/cli/cmd_load.c src/cli/cmd_query.c src/cli/cmd_export.c \
	src/cli/cmd_stats.c src/cli/cmd_drop.c src/cli/cmd_extract.c src/cli/cmd_demo.c \
	src/cli/cmd_check.c src/cli/cmd_dump.c src/cli/cmd_restore.c \
	src/cli/cli_trace.c src/cli/cmd_describe.c src/cli/cmd_timeline.c \
	src/cli/cmd_succession.c src/cli/cmd_network.c \
	src/cli/cmd_serve.c src/cli/cli_virtuoso.c \
	src/cli/progress.c src/cli/progress.h \
	src/cli/fanout.c src/cli/fanout.h

# Progress bars on a terminal only (script(1) provides one).
TESTS += tests/cli/progress.sh
EXTRA_DIST += tests/cli/progress.sh
