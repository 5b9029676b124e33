"""The independent oracle of the tests: rdflib (Debian python3-rdflib).

  oracle.py answer DATA QUERY.rq          rows of QUERY over DATA, per rdflib
  oracle.py results FORMAT FILE [VARS]    rows of a results file we wrote (csv|tsv|json|xml)
  oracle.py same-graphs A B               exit 0 when every named graph of A is isomorphic in B,
                                          and B has no other graph
  oracle.py answer-ordered DATA QUERY.rq  rows of QUERY over DATA in rdflib's order (ORDER BY)
  oracle.py results-ordered FORMAT FILE   rows of a results file in its order
  oracle.py same-construct DATA QUERY.rq GOT.ttl
                                          exit 0 when GOT is isomorphic to rdflib's CONSTRUCT graph
  oracle.py same-cbd DATA GOT.ttl IRI...  exit 0 when GOT is isomorphic to the union of the
                                          concise bounded descriptions of the IRIs in DATA

Rows print as canonical lines (terms in N-Triples form, blank nodes as _:b,
sorted), so two answers can be compared with diff.
"""
import os
import sys

from rdflib import BNode, ConjunctiveGraph, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.query import Result

PREFIXES = {
    "vt": "https://w3id.org/vitae/ns#", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#", "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#", "schema": "http://schema.org/",
    "org": "http://www.w3.org/ns/org#", "foaf": "http://xmlns.com/foaf/0.1/",
    "wdt": "http://www.wikidata.org/prop/direct/",
}
FORMATS = {".ttl": "turtle", ".nt": "nt", ".nq": "nquads", ".trig": "trig", ".rdf": "xml",
           ".xml": "xml", ".owl": "xml", ".jsonld": "json-ld"}


def fmt(path):
    return FORMATS.get(os.path.splitext(path)[1], "turtle")


def term(t):
    if t is None:
        return "UNBOUND"
    if isinstance(t, BNode):
        return "_:b"
    if isinstance(t, Literal) and t.datatype is None and t.language is None:
        return Literal(str(t)).n3()
    return t.n3()


def show(vars_, rows):
    lines = sorted("\t".join(term(r.get(v) if isinstance(r, dict) else r[i])
                             for i, v in enumerate(vars_)) for r in rows)
    print("\t".join("?" + str(v) for v in vars_))
    for line in lines:
        print(line)


INFERRED = URIRef("https://w3id.org/vitae/graph/inferred")


def load(data):
    """The dataset as vitae's queries see it: the inferred graph is part of
    the default graph but not one of the graphs GRAPH ?g ranges over, which
    in rdflib is where the default context's triples are."""
    ds = ConjunctiveGraph()
    if fmt(data) != "nquads":
        ds.parse(data, format=fmt(data))
        return ds
    # N-Quads: the inferred quads lose their graph name, in file order (so
    # that GROUP_CONCAT orders stay as rdflib parses them)
    tail = " <%s> .\n" % INFERRED
    with open(data, encoding="utf-8") as f:
        text = "".join(line[: -len(tail)] + " .\n" if line.endswith(tail) else line for line in f)
    ds.parse(data=text, format="nquads", publicID=ds.default_context.identifier)
    add_copies(ds, markers(data))
    return ds


SUBPROP = URIRef("http://www.w3.org/2000/01/rdf-schema#subPropertyOf")
SUBCLASS = URIRef("http://www.w3.org/2000/01/rdf-schema#subClassOf")
RDF_TYPE = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def markers(data):
    """The copies the inferred graph of DATA leaves to queries: its triples
    "P rdfs:subPropertyOf Q" and "C rdfs:subClassOf D"."""
    if fmt(data) != "nquads":
        return []
    d = Dataset()
    d.parse(data, format="nquads")
    return [(s, p, o) for s, p, o, g in d.quads((None, None, None, INFERRED))
            if p in (SUBPROP, SUBCLASS)]


def add_copies(graph, marks):
    """What vitae's queries see of those markers: RDFS's rules for them,
    x P y -> x Q y and x a C -> x a D, to the fixpoint."""
    while marks:
        more = set()
        for a, ax, b in marks:
            if ax == SUBPROP:
                more |= {(s, b, o) for s, o in graph.subject_objects(a)}
            else:
                more |= {(s, RDF_TYPE, b) for s in graph.subjects(RDF_TYPE, a)}
        more = [t for t in more if t not in graph]
        if not more:
            break
        for t in more:
            graph.add(t)


def answer(data, query_path):
    ds = load(data)
    text = open(query_path, encoding="utf-8").read()
    res = ds.query(text, initNs=PREFIXES)
    if res.type == "ASK":
        print(str(res.askAnswer).lower())
        return
    vars_ = [str(v) for v in res.vars]
    show(vars_, [{str(k): v for k, v in r.asdict().items()} for r in res])


def results(kind, path):
    data = open(path, "rb")
    res = Result.parse(data, format=kind)
    if res.type == "ASK":
        print(str(res.askAnswer).lower())
        return
    vars_ = [str(v) for v in res.vars]
    show(vars_, [{str(k): v for k, v in zip(res.vars, r)} for r in res])


def graphs(path):
    d = Dataset()
    d.parse(path, format=fmt(path))
    out = {}
    for s, p, o, g in d.quads((None, None, None, None)):
        name = str(getattr(g, "identifier", g))
        out.setdefault(name, Graph()).add((s, p, o))
    return out


def same_graphs(a, b):
    ga, gb = graphs(a), graphs(b)
    ok = set(ga) == set(gb) and all(isomorphic(ga[n], gb[n]) for n in ga)
    if not ok:
        print("graphs differ:", sorted(set(ga) ^ set(gb)) or
              [n for n in ga if n in gb and not isomorphic(ga[n], gb[n])], file=sys.stderr)
    return 0 if ok else 1


def show_ordered(vars_, rows):
    print("\t".join("?" + str(v) for v in vars_))
    for r in rows:
        print("\t".join(term(r.get(v) if isinstance(r, dict) else r[i]) for i, v in enumerate(vars_)))


def answer_ordered(data, query_path):
    ds = load(data)
    res = ds.query(open(query_path, encoding="utf-8").read(), initNs=PREFIXES)
    vars_ = [str(v) for v in res.vars]
    show_ordered(vars_, [{str(k): v for k, v in r.asdict().items()} for r in res])


def results_ordered(kind, path):
    res = Result.parse(open(path, "rb"), format=kind)
    vars_ = [str(v) for v in res.vars]
    show_ordered(vars_, [{str(k): v for k, v in zip(res.vars, r)} for r in res])


def default_graph(data):
    """The union of all graphs of DATA as one graph (a set of triples)."""
    ds = ConjunctiveGraph()
    ds.parse(data, format=fmt(data))
    g = Graph()
    for t in ds.triples((None, None, None)):
        g.add(t)
    add_copies(g, markers(data))
    return g


def same_construct(data, query_path, got_path):
    ds = load(data)
    want = Graph()
    for t in ds.query(open(query_path, encoding="utf-8").read(), initNs=PREFIXES):
        want.add(t)
    got = Graph()
    got.parse(got_path, format=fmt(got_path))
    if isomorphic(want, got):
        return 0
    print("CONSTRUCT graphs differ: rdflib %d triples, got %d" % (len(want), len(got)), file=sys.stderr)
    return 1


def cbd(graph, node, out, seen):
    """Concise bounded description: the triples about node, recursively
    through blank-node objects, and the descriptions of the reifications
    (rdf:subject/rdf:predicate/rdf:object nodes) of those triples."""
    from rdflib.namespace import RDF
    if node in seen:
        return
    seen.add(node)
    for s, p, o in graph.triples((node, None, None)):
        out.add((s, p, o))
        if isinstance(o, BNode):
            cbd(graph, o, out, seen)
        for r in graph.subjects(RDF.subject, s):
            if (r, RDF.predicate, p) in graph and (r, RDF.object, o) in graph:
                cbd(graph, r, out, seen)


def same_cbd(data, got_path, iris):
    g = default_graph(data)
    want, seen = Graph(), set()
    for iri in iris:
        cbd(g, URIRef(iri), want, seen)
    got = Graph()
    got.parse(got_path, format=fmt(got_path))
    if isomorphic(want, got):
        return 0
    print("descriptions differ: expected %d triples, got %d" % (len(want), len(got)), file=sys.stderr)
    return 1


def main(argv):
    if argv[1] == "answer":
        answer(argv[2], argv[3])
    elif argv[1] == "results":
        results(argv[2], argv[3])
    elif argv[1] == "same-graphs":
        return same_graphs(argv[2], argv[3])
    elif argv[1] == "answer-ordered":
        answer_ordered(argv[2], argv[3])
    elif argv[1] == "results-ordered":
        results_ordered(argv[2], argv[3])
    elif argv[1] == "same-construct":
        return same_construct(argv[2], argv[3], argv[4])
    elif argv[1] == "same-cbd":
        return same_cbd(argv[2], argv[3], argv[4:])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
