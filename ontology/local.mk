# ontology: files are listed here
