"""Randomized OPTIONAL queries over tests/sparql/data.trig, for
tests/cli/sparql.sh to compare vitae with rdflib.

  gen_optional.py DIR N SEED [union]   writes DIR/000.rq ... DIR/(N-1).rq

The queries are well designed (a variable of an OPTIONAL that occurs outside
it occurs in its left side), so that rdflib's answer is the SPARQL one.
They vary what triggered rasqal 0.9.33's wrong rows: the order of the
required triple patterns, braces, UNION, GRAPH, several and nested
OPTIONALs, FILTERs inside and after them.

With 'union', UNIONs whose branches give one variable a value in different
ways instead: BIND, a triple pattern, VALUES, an OPTIONAL, nested UNIONs
(a value set by BIND or VALUES in one branch was taken for a constant by
the triple patterns of the later branches), then a FILTER, a join or an
OPTIONAL after the UNION.
"""
import os
import random
import sys

# (predicate, subject kind, object kind): kinds name the entities' roles
EDGES = [
    ("vt:participant", "meeting", "person"),
    ("vt:visitor", "visit", "person"),
    ("vt:date", "event", "literal"),
    ("vt:knows", "person", "person"),
    ("vt:spouse", "person", "person"),
    ("vt:citizenOf", "person", "country"),
    ("vt:holder", "tenure", "person"),
    ("vt:office", "tenure", "office"),
    ("vt:jurisdiction", "office", "country"),
    ("rdfs:label", "any", "literal"),
    ("vt:birthDate", "person", "literal"),
    ("vt:children", "person", "literal"),
    ("vt:height", "person", "literal"),
    ("vt:start", "tenure", "literal"),
    ("vt:source", "tenure", "document"),
]
TYPES = {"meeting": "vt:Meeting", "visit": "vt:Visit", "person": "vt:Person", "country": "vt:Country",
         "tenure": "vt:Tenure", "office": "vt:Office", "document": "vt:Document"}
CONSTANTS = {"person": ["ex:ana", "ex:bo", "ex:cy", "ex:dee"], "country": ["ex:kz", "ex:ru"],
             "office": ["ex:pres", "ex:pm"]}


def fits(kind, want):
    if kind in ("literal", "graph"):
        return False
    return want == "any" or kind == want or (want == "event" and kind in ("meeting", "visit"))


class Gen:
    def __init__(self, rnd):
        self.r = rnd
        self.n = 0

    def var(self):
        self.n += 1
        return "?v%d" % self.n

    def edges_from(self, kind):
        return [e for e in EDGES if fits(kind, e[1])]

    def edges_to(self, kind):
        return [e for e in EDGES if e[2] != "literal" and fits(kind, e[2])]

    def step(self, v, kind):
        """A triple pattern touching variable v (of kind): (text, new var, new kind)."""
        r = self.r
        if r.random() < 0.25 and kind in TYPES:
            return "%s a %s" % (v, TYPES[kind]), None, None
        outs, ins = self.edges_from(kind), self.edges_to(kind)
        if ins and (not outs or r.random() < 0.3):
            p, sk, _ = r.choice(ins)
            nv = self.var()
            return "%s %s %s" % (nv, p, v), nv, sk if sk not in ("any", "event") else "meeting"
        p, _, ok = r.choice(outs)
        nv = self.var()
        return "%s %s %s" % (v, p, nv), nv, ok

    def block(self, start, kind, size):
        """size triple patterns grown from start: (triples, [(var, kind)])."""
        triples, known = [], [(start, kind)]
        for _ in range(size):
            v, k = self.r.choice([x for x in known if x[1] not in ("literal", "graph")] or known)
            t, nv, nk = self.step(v, k)
            triples.append(t)
            if nv:
                known.append((nv, nk))
        return triples, known

    def optional(self, left, depth):
        """An OPTIONAL joined on a variable of left (its left side)."""
        r = self.r
        v, k = r.choice([x for x in left if x[1] not in ("literal", "graph")] or left)
        triples, known = self.block(v, k, r.randint(1, 2))
        r.shuffle(triples)
        body = " . ".join(triples)
        mine = [x for x in known if x[0] != v] or known
        # (a FILTER in a nested OPTIONAL: rdflib 6.1.1 then drops the
        # enclosing OPTIONAL's bindings, so the oracle would be wrong)
        if depth == 0 and r.random() < 0.3:
            w, wk = r.choice(mine)
            if wk in CONSTANTS:
                body += " FILTER(%s != %s)" % (w, r.choice(CONSTANTS[wk]))
            elif wk == "literal":
                body += " FILTER(isLiteral(%s))" % w
        if depth < 2 and r.random() < 0.3:
            inner, ivars = self.optional(known, depth + 1)
            body += " " + inner
            known = known + ivars
        return "OPTIONAL { %s }" % body, [x for x in known if x[0] != v]

    def query(self):
        r = self.r
        self.n = 0
        kind = r.choice(["meeting", "person", "tenure", "country", "office"])
        start = self.var()
        triples, left = self.block(start, kind, r.randint(1, 3))
        r.shuffle(triples)
        required = " . ".join(triples)
        shape = r.random()
        if shape < 0.15:
            required = "{ %s }" % required
        elif shape < 0.25:
            # a UNION of two ways to the same variables
            t2, left2 = self.block(start, kind, 1)
            both = [x for x in left if x in left2] or [(start, kind)]
            required = "{ %s } UNION { %s }" % (" . ".join(triples), " . ".join(t2))
            left = both if len(both) > 1 else left + left2
        elif shape < 0.35 and len(triples) > 1:
            required = "%s . GRAPH ?g { %s }" % (" . ".join(triples[1:]), triples[0])
            left = left + [("?g", "graph")]
        parts = [required]
        vars_ = list(left)
        for _ in range(r.randint(1, 3)):
            text, new = self.optional(vars_, 0)
            parts.append(text)
            vars_ += new
        if r.random() < 0.25:
            v, _ = r.choice(vars_)
            parts.append("FILTER(%sBOUND(%s))" % (r.choice(["", "!"]), v))
        names = []
        for v, _ in vars_:
            if v not in names:
                names.append(v)
        return "SELECT %s WHERE { %s }\n" % (" ".join(names), " ".join(parts))


class UnionGen(Gen):
    """UNIONs whose branches bind ?x in different ways (see the top)."""

    VALUES_X = ['"Dee"', '"Bo Chen"', '"m"', "ex:kz", "ex:pres", "2", '"Asia"@en']

    def branch(self, depth):
        r = self.r
        shape = r.random()
        if depth < 1 and shape < 0.15:
            return "{ %s }" % self.union(depth + 1)
        kind = r.choice(["meeting", "person", "tenure", "country", "office"])
        triples, known = self.block("?s", kind, r.randint(0 if shape < 0.3 else 1, 2))
        r.shuffle(triples)
        body = [t + " ." for t in triples]
        how = r.random()
        if how < 0.35 or not triples:
            # BIND: a constant, or a value of the branch
            other = [v for v, _ in known if v != "?s"]
            if other and r.random() < 0.5:
                expr = r.choice(["%s", "STR(%s)", "COALESCE(%s, \"none\")"]) % r.choice(other)
            else:
                expr = r.choice(self.VALUES_X)
            body.append("BIND(%s AS ?x)" % expr)
        elif how < 0.5:
            vals = r.sample(self.VALUES_X, r.randint(1, 3))
            body.insert(r.randint(0, len(body)), "VALUES ?x { %s }" % " ".join(vals))
        elif how < 0.8:
            outs = self.edges_from(kind)
            p, _, _ = r.choice(outs)
            body.insert(r.randint(0, len(body)), "?s %s ?x ." % p)
        else:
            p, _, _ = r.choice(self.edges_from(kind))
            body.append("OPTIONAL { ?s %s ?x }" % p)
        if r.random() < 0.15:
            body.append(r.choice(['FILTER(BOUND(?x))', 'FILTER(!isIRI(?x))',
                                  'FILTER(STR(?x) != "Dee")']))
        return "{ %s }" % " ".join(body)

    def union(self, depth):
        n = self.r.randint(2, 3)
        return " UNION ".join(self.branch(depth) for _ in range(n))

    def query(self):
        r = self.r
        self.n = 0
        parts = [self.union(0)]
        after = r.random()
        if after < 0.2:
            parts.append(r.choice(['FILTER(BOUND(?x))', 'FILTER(!BOUND(?x))', 'FILTER(isLiteral(?x))',
                                   'FILTER(STR(?x) != "m")']))
        elif after < 0.35:
            parts.append(r.choice(["?s a vt:Person", "?s rdfs:label ?l", "?y vt:citizenOf ?x"]))
        elif after < 0.5:
            parts.append(r.choice(["OPTIONAL { ?s rdfs:label ?l }", "OPTIONAL { ?s vt:citizenOf ?x }"]))
        text = " ".join(parts)
        names = ["?s", "?x"]
        for i in range(1, self.n + 1):
            if "?v%d " % i in text + " " or "?v%d)" % i in text:
                names.append("?v%d" % i)
        for v in ("?l", "?y"):
            if v + " " in text:
                names.append(v)
        return "SELECT %s WHERE { %s }\n" % (" ".join(names), text)


def main(argv):
    out, n, seed = argv[1], int(argv[2]), int(argv[3])
    kind = argv[4] if len(argv) > 4 else "optional"
    if kind not in ("optional", "union"):
        sys.stderr.write("usage: gen_optional.py DIR N SEED [union]\n")
        return 2
    gen = (UnionGen if kind == "union" else Gen)(random.Random(seed))
    os.makedirs(out, exist_ok=True)
    for i in range(n):
        with open(os.path.join(out, "%03d.rq" % i), "w", encoding="utf-8") as f:
            f.write("PREFIX ex: <http://ex.org/>\n" + gen.query())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
