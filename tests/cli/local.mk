# CLI integration tests (shell)
