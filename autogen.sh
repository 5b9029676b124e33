#!/bin/sh
# Regenerate the build system; then configure unless NOCONFIGURE is set.
set -e
cd "$(dirname "$0")"
autoreconf -fi
[ -n "$NOCONFIGURE" ] || exec ./configure "$@"
