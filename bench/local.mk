# bench: files are listed here
