"""Real SPARQL clients against a running `vitae serve`, for tests/cli/serve.sh.

  clients.py wrapper ENDPOINT QUERY.rq [GET|POST]  rows per SPARQLWrapper (JSON)
  clients.py store ENDPOINT QUERY.rq               rows per rdflib's SPARQLStore
  clients.py sd ENDPOINT                           exit 0 when the service description
                                                   parses and names the endpoint
  clients.py rdf URL MEDIA-TYPE OUT.ttl            fetch URL as MEDIA-TYPE, parse it with
                                                   rdflib, write it as Turtle; exit 1 if empty

Rows print as tests/oracle.py prints them, so answers compare with diff.
"""
import os
import sys
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from oracle import PREFIXES, show  # noqa: E402

from rdflib import BNode, Graph, Literal, Namespace, URIRef  # noqa: E402
from rdflib.namespace import RDF  # noqa: E402

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")


def with_prefixes(text):
    return "".join("PREFIX %s: <%s>\n" % kv for kv in PREFIXES.items()) + text


def wrapper(endpoint, query_path, method):
    from SPARQLWrapper import GET, JSON, POST, SPARQLWrapper
    sw = SPARQLWrapper(endpoint)
    sw.setQuery(with_prefixes(open(query_path, encoding="utf-8").read()))
    sw.setReturnFormat(JSON)
    sw.setMethod(POST if method == "POST" else GET)
    data = sw.query().convert()
    if "boolean" in data:
        print(str(data["boolean"]).lower())
        return 0

    def term(b):
        if b["type"] == "uri":
            return URIRef(b["value"])
        if b["type"] == "bnode":
            return BNode(b["value"])
        return Literal(b["value"], lang=b.get("xml:lang"), datatype=b.get("datatype"))
    vars_ = data["head"]["vars"]
    show(vars_, [{k: term(v) for k, v in row.items()} for row in data["results"]["bindings"]])
    return 0


def store(endpoint, query_path):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore
    g = Graph(SPARQLStore(query_endpoint=endpoint))
    res = g.query(with_prefixes(open(query_path, encoding="utf-8").read()))
    if res.type == "ASK":
        print(str(res.askAnswer).lower())
        return 0
    vars_ = [str(v) for v in res.vars]
    show(vars_, [{str(k): v for k, v in zip(res.vars, r)} for r in res])
    return 0


def fetch(url, media):
    req = urllib.request.Request(url, headers={"Accept": media})
    with urllib.request.urlopen(req, timeout=30) as r:
        return r.read(), r.headers.get("Content-Type", "")


def service_description(endpoint):
    body, ctype = fetch(endpoint, "text/turtle")
    g = Graph().parse(data=body, format="turtle", publicID=endpoint)
    ok = (URIRef(endpoint), RDF.type, SD.Service) in g and \
        (URIRef(endpoint), SD.endpoint, URIRef(endpoint)) in g and \
        (URIRef(endpoint), SD.supportedLanguage, SD.SPARQL11Query) in g
    print("%d triples, type %s" % (len(g), ctype))
    return 0 if ok else 1


def rdf(url, media, out):
    fmts = {"text/turtle": "turtle", "application/n-triples": "nt", "application/rdf+xml": "xml"}
    body, ctype = fetch(url, media)
    if not ctype.startswith(media):
        print("Content-Type %s, asked for %s" % (ctype, media))
        return 1
    g = Graph().parse(data=body, format=fmts[media], publicID=url)
    g.serialize(destination=out, format="turtle")
    print("%d triples" % len(g))
    return 0 if len(g) else 1


def main(argv):
    if argv[1] == "wrapper":
        return wrapper(argv[2], argv[3], argv[4] if len(argv) > 4 else "GET")
    if argv[1] == "store":
        return store(argv[2], argv[3])
    if argv[1] == "sd":
        return service_description(argv[2])
    if argv[1] == "rdf":
        return rdf(argv[2], argv[3], argv[4])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
