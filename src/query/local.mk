# src/query: files are listed here
