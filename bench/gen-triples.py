#!/usr/bin/env python3
"""Write a synthetic, vitae-shaped RDF graph of exactly N triples as N-Triples.

Usage: gen-triples.py N [--seed S] [--base IRI]

The graph looks like what `vitae extract` produces, at scale:

  countries  (2 triples each)  rdf:type vt:Country, rdfs:label "..."@en
  offices    (3 triples each)  rdf:type vt:Office, rdfs:label "<Title> of <Country>"@en,
                               vt:jurisdiction <country>
  persons    (12 triples each, in one block per person):
    person   rdf:type vt:Person, rdfs:label "..."@en, vt:birthDate "YYYY-MM-DD"^^xsd:date,
             vt:nationality <country>, vt:metWith <an earlier person>
    sentence rdf:type vt:Sentence, vt:text "<an evidence sentence of about 80 characters>"
    tenure   rdf:type vt:Tenure, vt:holder <person>, vt:office <office>,
             vt:start "YYYY-MM-DD"^^xsd:date, prov:wasDerivedFrom <sentence>

There are about N/5000 countries (5 to 200) and N/200 offices (10 to 5000), so
that 1,000,000 triples hold 200 countries, 5,000 offices and about 83,000
persons.  The output stops after exactly N triples (the last person block may
be cut short).  No triple occurs twice.  The same N and seed give the same
bytes.  Person i is <BASE person/p{i}>, so benchmark queries can name one.

Standard library only.
"""

import argparse
import random
import sys

VT = "https://w3id.org/vitae/ns#"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
XSD_DATE = "<http://www.w3.org/2001/XMLSchema#date>"
PROV_DERIVED = "<http://www.w3.org/ns/prov#wasDerivedFrom>"

FIRST = ("Amina Aliya Anna Arman Askar Bakyt Boris Carlos Chen Dana Daniyar Elena Erlan Fatima "
         "Gulnara Hans Ibrahim Ivan Jamila Jean José Kassym Kofi Lars Laila Li Lucia Marat Maria "
         "Mikhail Nadia Nurlan Olga Omar Pedro Priya Raul Saule Sergei Sofia Timur Wei Yerlan "
         "Zhanna Łukasz Ömer Zoë Nursultan Luiz Ellen Jacinda Sergey").split()
LAST = ("Abenov Aliyev Bekova Chen Dzhaksybekov Fernández Garcia Ibrahimova Ivanov Jensen Karimov "
        "Kim Kozlova Kuanyshev Lee Moreau Müller Nazarbayeva Novak Okafor Omarov Petrov Rossi "
        "Sarsenbayev Schmidt Silva Smirnova Suleimenov Tanaka Tokayev Umarov Wang Yusupov Zhakupov "
        "Lavrov Sirleaf Ardern Lula Kowalski Dubois Haddad Mensah Nowak Popescu Sato Singh").split()
COUNTRY_ROOTS = ("Kazakh Uzbek Kyrgyz Tajik Turkmen Mongol Georg Armen Azer Belar Ukrain Molda "
                 "Latv Lithu Eston Pol Czech Slovak Hungar Roman Bulgar Serb Croat Sloven Bosn "
                 "Alban Greec Turk Cypr Malt Ital Spain Portug Franc Belg Nether Luxem Germ "
                 "Austr Switz Liecht Denm Norw Swed Finl Icel Irel Brit Canad Mexic Brazil "
                 "Argent Chile Peru Colomb Venez Ecuad Boliv Paragu Urugu Cub Jamaic Haiti "
                 "Domin Nigeri Ghan Liberi Kenya Ethiop Egypt Moroc Tunis Alger Libya Sudan "
                 "Niger Mali Senegal Camer Congo Angol Zamb Zimbab Botsw Namib Mozamb Tanzan "
                 "Ugand Rwand India Pakist Bangl Nepal Bhut Sri Burm Thai Laos Cambod Viet "
                 "Malays Singap Indon Philipp Japan Korea China Taiw Austral Zealand Fiji").split()
COUNTRY_ENDINGS = ("stan", "ia", "land", "ica", "ania", "ovia", "ea", "ay")
TITLES = ("President", "Prime Minister", "Vice President", "Minister of Foreign Affairs",
          "Minister of Finance", "Minister of Defence", "Minister of Justice",
          "Minister of Energy", "Minister of Education", "Minister of Health",
          "Chairman of the Senate", "Speaker of the Parliament", "Governor of the Central Bank",
          "Ambassador to the United Nations", "Mayor of the Capital", "Chief Justice",
          "Secretary of the Security Council", "Minister of Agriculture",
          "Minister of Culture", "Head of the Presidential Administration")
VERBS = ("was appointed", "became", "was sworn in as", "was elected", "took office as",
         "was named", "was confirmed as")
MONTHS = ("January February March April May June July August September October November "
          "December").split()
FILLER = (" after a vote in parliament", " by presidential decree", " in the capital",
          " following the elections", " at a ceremony", " for a second term", "")


def lit(text):
    """An N-Triples string body, escaped."""
    out = []
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def date(rng, y0, y1):
    y = rng.randint(y0, y1)
    m = rng.randint(1, 12)
    d = rng.randint(1, 28)
    return y, m, d


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="number of triples to write")
    ap.add_argument("--seed", type=int, default=20261127)
    ap.add_argument("--base", default="http://example.org/vitae/")
    a = ap.parse_args()
    if a.n < 0:
        ap.error("N must be >= 0")
    rng = random.Random(a.seed)
    base = a.base
    n_left = a.n
    out = sys.stdout
    buf = []

    def emit(s, p, o):
        nonlocal n_left
        if n_left <= 0:
            return False
        buf.append("%s %s %s .\n" % (s, p, o))
        n_left -= 1
        if len(buf) >= 8192:
            out.write("".join(buf))
            buf.clear()
        return n_left > 0

    def vt(local):
        return "<" + VT + local + ">"

    n_countries = max(5, min(200, a.n // 5000))
    n_offices = max(10, min(5000, a.n // 200))

    countries = []
    for i in range(n_countries):
        root = COUNTRY_ROOTS[i % len(COUNTRY_ROOTS)]
        name = root + COUNTRY_ENDINGS[(i // len(COUNTRY_ROOTS)) % len(COUNTRY_ENDINGS)]
        if i >= len(COUNTRY_ROOTS) * len(COUNTRY_ENDINGS):
            name += " %d" % i
        iri = "<%scountry/c%d>" % (base, i)
        countries.append((iri, name))
        if not (emit(iri, RDF_TYPE, vt("Country")) and emit(iri, LABEL, lit(name) + "@en")):
            break

    offices = []
    if n_left > 0:
        for i in range(n_offices):
            c_iri, c_name = countries[i % n_countries]
            title = TITLES[(i // n_countries) % len(TITLES)]
            rank = i // (n_countries * len(TITLES))
            name = "%s of %s" % (title, c_name) + (" (%d)" % rank if rank else "")
            iri = "<%soffice/o%d>" % (base, i)
            offices.append((iri, name))
            if not (emit(iri, RDF_TYPE, vt("Office"))
                    and emit(iri, LABEL, lit(name) + "@en")
                    and emit(iri, vt("jurisdiction"), c_iri)):
                break

    i = 0
    while n_left > 0:
        person = "<%sperson/p%d>" % (base, i)
        name = "%s %s" % (rng.choice(FIRST), rng.choice(LAST))
        by, bm, bd = date(rng, 1920, 1995)
        c_iri, _ = countries[rng.randrange(n_countries)]
        met = "<%sperson/p%d>" % (base, rng.randrange(i) if i else 1)
        o_iri, o_name = offices[rng.randrange(len(offices))]
        sy, sm, sd = date(rng, by + 25, min(by + 70, 2026))
        sentence = "<%ssentence/s%d>" % (base, i)
        tenure = "<%stenure/t%d>" % (base, i)
        text = "On %d %s %d, %s %s %s" % (sd, MONTHS[sm - 1], sy, name, rng.choice(VERBS), o_name)
        filler = rng.choice(FILLER)
        if len(text) + len(filler) < 90:  # about 80 characters, cut at a word
            text += filler
        elif len(text) >= 90:
            text = text[:text.rindex(" ", 0, 89)]
        text += "."
        if all((
            emit(person, RDF_TYPE, vt("Person")),
            emit(person, LABEL, lit(name) + "@en"),
            emit(person, vt("birthDate"), '"%04d-%02d-%02d"^^%s' % (by, bm, bd, XSD_DATE)),
            emit(person, vt("nationality"), c_iri),
            emit(person, vt("metWith"), met),
            emit(sentence, RDF_TYPE, vt("Sentence")),
            emit(sentence, vt("text"), lit(text)),
            emit(tenure, RDF_TYPE, vt("Tenure")),
            emit(tenure, vt("holder"), person),
            emit(tenure, vt("office"), o_iri),
            emit(tenure, vt("start"), '"%04d-%02d-%02d"^^%s' % (sy, sm, sd, XSD_DATE)),
            emit(tenure, PROV_DERIVED, sentence),
        )):
            i += 1
            continue
        break
    out.write("".join(buf))
    out.flush()


if __name__ == "__main__":
    try:
        main()
    except BrokenPipeError:
        sys.exit(1)
