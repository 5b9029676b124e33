# src/export: files are listed here
