#!/usr/bin/env python3
"""Generate synthetic politicians' biographies for benchmarking `vitae extract`.

The texts imitate the register of encyclopaedia biographies: a title line with
a made-up name, a first sentence with birth date and nationality, sections
with headings, careers with offices and dates in many forms, family,
education, meetings and visits with foreign leaders and treaties.  Every
person, party and treaty name is made up; countries are real.  The output is
deterministic for a given seed and arguments (Python's random.Random).

  gen-bios.py --docs 1000 --mb 50 --out DIR    1000 files, about 50 MB in all
  gen-bios.py --docs 10 --out DIR              10 files of about --doc-kb KB
  gen-bios.py --mb 5 --out all.txt             one file holding all documents

Options:
  --docs N       number of documents
  --mb M         total size in MB (10^6 bytes); with --docs, each document
                 gets about M/N MB; alone, documents of about --doc-kb KB are
                 written until the total reaches M MB
  --doc-kb K     average document size in KB when --mb does not set it
                 (default 8, like the sample corpus)
  --out PATH     a directory (created; one NNNN-name.txt per document) or,
                 when PATH ends in .txt, one file with all documents
  --seed S       random seed (default 1)
Only the standard library is used.
"""
import argparse
import os
import random
import sys

# ---------------------------------------------------------------- word lists

MALE = ["Arman", "Bakhyt", "Dmitar", "Elias", "Fabian", "Goran", "Henrik", "Ilkka",
        "Jonas", "Kerem", "Lorenzo", "Matthias", "Nikolai", "Oskar", "Pedro", "Radu",
        "Samuel", "Tariq", "Ulrich", "Viktor", "Wiremu", "Yerlan", "Zoltan", "Anders",
        "Bogdan", "Casimir", "Darius", "Emeka", "Farid", "Gunnar", "Hamid", "Ivo",
        "Jorge", "Kwame", "Luka", "Marek", "Nuno", "Orhan", "Piotr", "Rashid"]
FEMALE = ["Aigerim", "Beatriz", "Camille", "Dagny", "Elena", "Farida", "Greta",
          "Halima", "Ingrid", "Jelena", "Katarina", "Leila", "Marta", "Nadia", "Olena",
          "Paula", "Rana", "Sigrid", "Teresa", "Ulla", "Vesna", "Wanjiru", "Ximena",
          "Yasmin", "Zofia", "Amara", "Birgit", "Chiara", "Dana", "Esther", "Fatou",
          "Gulnara", "Hanne", "Irena", "Joanna", "Kalinda", "Liv", "Mirela", "Noor"]
SURNAMES = ["Abenov", "Balcescu", "Castellanos", "Dragunova", "Eriksen", "Falkenrath",
            "Grabowski", "Halvorsen", "Ibragimov", "Jankovic", "Kemelbekov", "Lindqvist",
            "Mbeki-Osei", "Novakova", "Okonkwo", "Petrescu", "Quintero", "Rasmussen",
            "Sadykov", "Tamarov", "Urquhart", "Valdivia", "Wachowiak", "Yesenova",
            "Zhakenov", "Arvidsson", "Bergstrand", "Cordeiro", "Dimitrov", "Esposito",
            "Ferreira-Lima", "Gashi", "Hakimi", "Iliescu", "Jaramillo", "Kovalenko",
            "Lemaire", "Moravec", "Nurlanov", "Oyelaran", "Pellegrini", "Rautio",
            "Sorensen", "Toivonen", "Umarov", "Vasquez", "Wendt", "Yilmazer", "Zelenko",
            "Ólafsdóttir", "Nørgaard", "Łukowski", "Şahinoğlu", "Müller-Brandt"]
MIDDLE_M = ["Jan", "Aleksandrovich", "Kemeluly", "José", "Eduard", "Nurlanuly", "Mihai"]
MIDDLE_F = ["Maria", "Louise", "Anne", "Petrovna", "Claire", "Sofia", "Kemelkyzy"]

# country, demonym, capital, other cities, legislature
COUNTRIES = [
    ("Kazakhstan", "Kazakh", "Astana", ["Almaty", "Shymkent", "Karaganda"], "Mazhilis"),
    ("Norway", "Norwegian", "Oslo", ["Bergen", "Trondheim", "Stavanger"], "Storting"),
    ("Brazil", "Brazilian", "Brasília", ["São Paulo", "Recife", "Porto Alegre"], "National Congress"),
    ("Nigeria", "Nigerian", "Abuja", ["Lagos", "Ibadan", "Kano"], "National Assembly"),
    ("Poland", "Polish", "Warsaw", ["Kraków", "Gdańsk", "Poznań"], "Sejm"),
    ("Chile", "Chilean", "Santiago", ["Valparaíso", "Concepción", "Temuco"], "Chamber of Deputies"),
    ("Finland", "Finnish", "Helsinki", ["Tampere", "Turku", "Oulu"], "Eduskunta"),
    ("Kenya", "Kenyan", "Nairobi", ["Mombasa", "Kisumu", "Nakuru"], "National Assembly"),
    ("Romania", "Romanian", "Bucharest", ["Cluj-Napoca", "Iași", "Timișoara"], "Chamber of Deputies"),
    ("Portugal", "Portuguese", "Lisbon", ["Porto", "Coimbra", "Braga"], "Assembly of the Republic"),
    ("Uzbekistan", "Uzbek", "Tashkent", ["Samarkand", "Bukhara", "Namangan"], "Oliy Majlis"),
    ("Ghana", "Ghanaian", "Accra", ["Kumasi", "Tamale", "Cape Coast"], "Parliament"),
    ("Denmark", "Danish", "Copenhagen", ["Aarhus", "Odense", "Aalborg"], "Folketing"),
    ("Mexico", "Mexican", "Mexico City", ["Guadalajara", "Monterrey", "Puebla"], "Senate"),
    ("Serbia", "Serbian", "Belgrade", ["Novi Sad", "Niš", "Kragujevac"], "National Assembly"),
    ("New Zealand", "New Zealand", "Wellington", ["Auckland", "Christchurch", "Hamilton"], "House of Representatives"),
    ("Liberia", "Liberian", "Monrovia", ["Gbarnga", "Buchanan", "Harper"], "Senate"),
    ("Estonia", "Estonian", "Tallinn", ["Tartu", "Narva", "Pärnu"], "Riigikogu"),
    ("Georgia", "Georgian", "Tbilisi", ["Batumi", "Kutaisi", "Rustavi"], "Parliament"),
    ("Indonesia", "Indonesian", "Jakarta", ["Surabaya", "Bandung", "Medan"], "People's Representative Council"),
]
FOREIGN = ["France", "Germany", "China", "Japan", "India", "Russia", "the United States",
           "the United Kingdom", "Turkey", "Italy", "Canada", "South Korea", "Egypt",
           "South Africa", "Argentina", "Spain", "Sweden", "Austria", "Vietnam", "Morocco"]
LEADER_TITLES = ["President", "Prime Minister", "Chancellor", "Foreign Minister",
                 "Secretary of State", "King", "Vice-President", "Minister of Defence"]
PORTFOLIOS = ["Finance", "Foreign Affairs", "Defence", "Justice", "Health", "Education",
              "Agriculture", "Energy", "Trade and Industry", "Internal Affairs", "Labour",
              "Transport", "Culture", "Economy", "Environment", "Social Affairs"]
PARTIES = ["National Renewal Party", "Social Democratic Union", "Civic Alliance",
           "People's Progressive Party", "Liberal Forum", "Green Movement",
           "Democratic Centre", "Unity Party", "Agrarian League", "New Republic Party"]
UNIVERSITIES = ["State University of {city}", "University of {city}",
                "{capital} Institute of International Relations",
                "National Technical University", "Higher School of Economics in {capital}",
                "Institute of Law and Public Administration", "University of Oxford",
                "Sorbonne University", "Moscow State University", "Harvard Kennedy School",
                "London School of Economics", "University of Geneva"]
DEGREES = ["a degree in law", "a degree in economics", "a doctorate in history",
           "a master's degree in public administration", "a diploma in engineering",
           "a degree in international relations", "a PhD in political science",
           "a degree in journalism", "a candidate of sciences degree in economics"]
ORGS = ["the United Nations", "the World Bank", "the International Monetary Fund",
        "the Organization for Security and Co-operation in Europe", "the African Union",
        "the Council of Europe", "the World Health Organization", "UNESCO"]
PROFESSIONS = ["teacher", "engineer", "doctor", "railway worker", "journalist",
               "farmer", "lawyer", "army officer", "civil servant", "nurse", "accountant",
               "factory worker", "writer", "shopkeeper"]
TOPICS = ["energy cooperation", "trade", "regional security", "climate change",
          "water management", "transport corridors", "nuclear non-proliferation",
          "investment", "migration", "fisheries", "the protection of minorities",
          "a customs union", "visa-free travel", "cultural exchange"]
POLICIES = ["pension reform", "the privatisation of state enterprises",
            "a new tax code", "anti-corruption legislation", "the reform of the judiciary",
            "free school meals", "the decentralisation of local government",
            "an increase in the minimum wage", "the abolition of the death penalty",
            "a national vaccination programme", "digital public services"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
ORDINAL = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth"}
LATIN_TO_CYR = dict(zip("abvgdezijklmnoprstufhcy", "абвгдезийклмнопрстуфхцй"))


class Bio:
    """One made-up person and a coherent life: the templates read from it."""

    def __init__(self, r):
        self.r = r
        self.female = r.random() < 0.4
        self.first = r.choice(FEMALE if self.female else MALE)
        self.middle = r.choice(MIDDLE_F if self.female else MIDDLE_M) if r.random() < 0.5 else None
        self.last = r.choice(SURNAMES)
        self.name = f"{self.first} {self.last}"
        self.full = f"{self.first} {self.middle} {self.last}" if self.middle else self.name
        (self.country, self.demonym, self.capital, self.cities,
         self.legislature) = r.choice(COUNTRIES)
        self.birthplace = r.choice(self.cities + [self.capital])
        self.born = r.randint(1935, 1982)
        self.bday = (r.randint(1, 28), r.randint(1, 12))
        self.dead = r.random() < 0.2
        self.died = min(2023, self.born + r.randint(62, 90)) if self.dead else None
        self.party = r.choice(PARTIES)
        self.he, self.his, self.him = (("she", "her", "her") if self.female
                                       else ("he", "his", "him"))
        self.spouse = f"{r.choice(MALE if self.female else FEMALE)} {self.last}"
        self.careers = self.make_careers()

    def person(self):
        """A made-up other person (a colleague, a predecessor, a relative)."""
        r = self.r
        return f"{r.choice(MALE + FEMALE)} {r.choice(SURNAMES)}"

    def sibling(self):
        """'brother, NAME' or 'sister, NAME'."""
        if self.r.random() < 0.5:
            return f"brother, {self.r.choice(MALE)} {self.last}"
        return f"sister, {self.r.choice(FEMALE)} {self.last}"

    def leader(self):
        """A foreign leader: (title, name, country)."""
        r = self.r
        title, female = r.choice(LEADER_TITLES), r.random() < 0.35
        name = f"{r.choice(FEMALE if female else MALE)} {r.choice(SURNAMES)}"
        if title == "King" and female:
            title = "Queen"
        return title, name, r.choice(FOREIGN)

    def make_careers(self):
        r = self.r
        offices = [f"Deputy Minister of {r.choice(PORTFOLIOS)}",
                   f"Minister of {r.choice(PORTFOLIOS)}",
                   f"Ambassador to {r.choice(FOREIGN)}",
                   f"Mayor of {self.birthplace}",
                   f"Chairman of the {self.legislature}",
                   f"Deputy Prime Minister",
                   f"Minister of {r.choice(PORTFOLIOS)}",
                   f"Governor of the National Bank of {self.country}",
                   f"Secretary of the Security Council"]
        r.shuffle(offices)
        top = r.choice([f"Prime Minister of {self.country}", f"President of {self.country}",
                        f"Minister of Foreign Affairs of {self.country}"])
        year = self.born + r.randint(24, 34)
        end = self.died or 2024
        careers = []
        for office in offices[:r.randint(3, 6)] + [top]:
            length = r.randint(1, 8)
            if year + length >= end:
                break
            careers.append((office, year, year + length, self.person(), self.person()))
            year += length + r.randint(0, 3)
        if not careers:
            careers.append((top, self.born + 30, self.born + 34, self.person(), self.person()))
        return careers

    # ---- dates in the forms biographies use
    def full_date(self, year):
        d, m = self.r.randint(1, 28), self.r.randint(1, 12)
        form = self.r.random()
        if form < 0.7:
            return f"{d} {MONTHS[m - 1]} {year}"
        if form < 0.9:
            return f"{MONTHS[m - 1]} {d}, {year}"
        return f"{MONTHS[m - 1]} {year}"

    def day_date(self, year):
        d, m = self.r.randint(1, 28), self.r.randint(1, 12)
        if self.r.random() < 0.75:
            return f"{d} {MONTHS[m - 1]} {year}"
        return f"{MONTHS[m - 1]} {d}, {year}"

    def when(self, year):
        form = self.r.random()
        if form < 0.4:
            return f"in {year}"
        if form < 0.7:
            return f"in {MONTHS[self.r.randint(0, 11)]} {year}"
        return f"on {self.day_date(year)}"

    def span(self, a, b):
        return self.r.choice([f"from {a} to {b}", f"({a}–{b})", f"between {a} and {b}",
                              f"from {self.full_date(a)} to {self.full_date(b)}",
                              f"from {a} until {b}"])


# ---------------------------------------------------------------- templates
# Each takes (b, c) where c is a career tuple (office, start, end, pred, succ)
# or None, and returns one sentence.  There are about seventy of them.

def cyrillic(name):
    """A mock transliteration, so that the lead has a non-Latin script."""
    return " ".join("".join(LATIN_TO_CYR.get(ch, ch) for ch in w.lower()).capitalize()
                    for w in name.split())


def cap(s):
    return s[0].upper() + s[1:]


def _birth(b):
    d, m = b.bday
    return f"{d} {MONTHS[m - 1]} {b.born}"


LEAD = [
    lambda b, c: (f"{b.full} (born {_birth(b)}) is a {b.demonym} politician who has served as "
                  f"{b.careers[-1][0]} since {b.careers[-1][1]}."),
    lambda b, c: (f"{b.full} ({_birth(b)} – {b.bday[0]} {MONTHS[(b.bday[1] + 4) % 12]} {b.died}) "
                  f"was a {b.demonym} politician and diplomat who was {b.careers[-1][0]} "
                  f"{b.span(b.careers[-1][1], b.careers[-1][2])}." if b.died else
                  f"{b.full} (born {_birth(b)}) is a {b.demonym} politician and diplomat who "
                  f"was {b.careers[-1][0]} {b.span(b.careers[-1][1], b.careers[-1][2])}."),
    lambda b, c: (f"{b.full} ({cyrillic(b.name)}; "
                  f"born {_birth(b)} in {b.birthplace}) is a {b.demonym} economist and "
                  f"politician, a member of the {b.party}."),
    lambda b, c: (f"{b.full} (born {b.bday[0]} {MONTHS[b.bday[1] - 1]} {b.born}) is a "
                  f"{b.demonym} lawyer and politician who served as {b.careers[0][0]} and "
                  f"later as {b.careers[-1][0]}."),
]
SUMMARY = [
    lambda b, c: (f"A member of the {b.party}, {b.he} entered politics in the "
                  f"{(b.careers[0][1] // 10) * 10}s and rose quickly through the ranks."),
    lambda b, c: (f"Before that, {b.he} was {b.careers[0][0]} and, for a short time, "
                  f"{b.careers[min(1, len(b.careers) - 1)][0]}."),
    lambda b, c: (f"During {b.his} time in office {b.he} pursued {b.r.choice(POLICIES)} and "
                  f"{b.r.choice(POLICIES)}, which critics described as hasty."),
    lambda b, c: (f"{b.last} is regarded as one of the most influential figures in the "
                  f"politics of {b.country} since independence."),
]
EARLY = [
    lambda b, c: (f"{b.last} was born in {b.birthplace} to a family of "
                  f"{b.r.choice(PROFESSIONS)}s."),
    lambda b, c: (f"{cap(b.his)} father, {b.person()} ({b.born - b.r.randint(22, 40)}–"
                  f"{b.born + b.r.randint(5, 50)}), was a {b.r.choice(PROFESSIONS)}, and "
                  f"{b.his} mother, {b.person()}, worked as a {b.r.choice(PROFESSIONS)}."),
    lambda b, c: (f"{cap(b.he)} spent part of {b.his} childhood in a village near "
                  f"{b.r.choice(b.cities)}, where {b.his} grandparents kept a small farm."),
    lambda b, c: (f"When {b.he} was {b.r.randint(6, 14)}, the family moved to {b.capital}, "
                  f"where {b.his} father found work as a {b.r.choice(PROFESSIONS)}."),
    lambda b, c: (f"{cap(b.he)} has {b.r.choice(['an older', 'a younger'])} "
                  f"{b.sibling()}, who is a "
                  f"{b.r.choice(PROFESSIONS)} in {b.r.choice(b.cities)}."),
    lambda b, c: (f"As a teenager {b.he} joined the youth wing of the {b.party} and took part "
                  f"in the student protests of {b.born + b.r.randint(15, 20)}."),
]
EDUCATION = [
    lambda b, c: (f"{cap(b.he)} studied at the "
                  f"{b.r.choice(UNIVERSITIES).format(city=b.r.choice(b.cities), capital=b.capital)}, "
                  f"graduating in {b.born + b.r.randint(21, 24)} with {b.r.choice(DEGREES)}."),
    lambda b, c: (f"From {b.born + 17}, {b.last} attended the "
                  f"{b.capital} Institute of International Relations, where {b.he} studied "
                  f"{b.r.choice(['Mandarin', 'Arabic', 'French', 'English', 'German'])}."),
    lambda b, c: (f"In {b.born + b.r.randint(25, 32)} {b.he} obtained {b.r.choice(DEGREES)} "
                  f"from the {b.r.choice(UNIVERSITIES).format(city=b.r.choice(b.cities), capital=b.capital)}."),
    lambda b, c: (f"{b.last} speaks {b.r.choice(['Russian', 'Spanish', 'Portuguese'])}, "
                  f"English and {b.r.choice(['French', 'German', 'Chinese', 'Turkish'])}."),
    lambda b, c: (f"After graduating, {b.he} spent a year at the "
                  f"{b.r.choice(UNIVERSITIES[6:])} as a visiting researcher."),
]
CAREER = [
    lambda b, c: (f"In {MONTHS[b.r.randint(0, 11)]} {c[1]}, {b.last} was appointed {c[0]} by "
                  f"President {b.person()}."),
    lambda b, c: f"{cap(b.he)} served as {c[0]} {b.span(c[1], c[2])}.",
    lambda b, c: (f"{b.last} became {c[0]} {b.when(c[1])}, succeeding {c[3]}, who had "
                  f"resigned after a budget dispute."),
    lambda b, c: (f"{cap(b.he)} was {c[0]} ({c[1]}–{c[2]}), a post in which {b.he} was "
                  f"responsible for {b.r.choice(TOPICS)}."),
    lambda b, c: f"{cap(b.he)} held the post of {c[0]} until {c[2]}, when {b.he} was succeeded by {c[4]}.",
    lambda b, c: (f"{cap(b.when(c[1]))}, with the "
                  f"endorsement of the {b.legislature}, {b.he} was appointed {c[0]}."),
    lambda b, c: (f"From {c[1]}, {b.last} served as {c[0]}, where {b.he} continued to play an "
                  f"active role in {b.r.choice(TOPICS)}."),
    lambda b, c: (f"On {b.day_date(c[1])} {b.person()} named {b.him} {c[0]}, in place of "
                  f"{c[3]}."),
    lambda b, c: (f"{cap(b.he)} left the post of {c[0]} in {c[2]} and was replaced by "
                  f"{c[4]}."),
    lambda b, c: (f"After {c[2] - c[1]} years as {c[0]}, {b.he} resigned {b.when(c[2])} "
                  f"following disagreements with the cabinet over {b.r.choice(POLICIES)}."),
    lambda b, c: (f"{b.last} was elected to the {b.legislature} in {c[1]} and re-elected in "
                  f"{c[1] + 4}."),
    lambda b, c: (f"{cap(b.his)} predecessor as {c[0]} was {c[3]} and {b.his} successor was "
                  f"{c[4]}."),
    lambda b, c: (f"{cap(b.he)} served twice as {c[0]}, from {c[1]} to {c[2]} and again "
                  f"briefly in {c[2] + 3}."),
    lambda b, c: (f"Shortly before that, {b.he} had served as acting {c[0]} after the "
                  f"resignation of {c[3]}."),
]
ELECTION = [
    lambda b, c: (f"In the {c[1]} election {b.he} won {b.r.randint(40, 80)} per cent of the vote "
                  f"as the nominee of the {b.party}."),
    lambda b, c: (f"{cap(b.he)} stood against {b.person()} in {c[1]} and was defeated, "
                  f"coming a distant second with about a quarter of the vote."),
    lambda b, c: (f"At the general election on {b.day_date(c[1])} the {b.party} won "
                  f"{b.r.randint(20, 90)} seats, and {b.last} formed a coalition government."),
    lambda b, c: (f"{cap(b.he)} was sworn in as {c[0]} on {b.day_date(c[1])} in {b.capital}, "
                  f"pledging to continue the policies of {b.his} predecessor."),
]
FOREIGN_T = [
    lambda b, c: (f"{cap(b.when(c[1]))}, {b.last} met %s %s of %s in {b.capital} to discuss "
                  f"{b.r.choice(TOPICS)}." % b.leader()),
    lambda b, c: (f"On {b.day_date(b.r.randint(c[1], c[2]))} {b.he} visited "
                  f"{b.r.choice(FOREIGN)}, where {b.he} held talks with %s %s." % b.leader()[:2]),
    lambda b, c: (f"{cap(b.he)} made {b.his} first official visit abroad to "
                  f"{b.r.choice(FOREIGN)} {b.when(c[1])}, meeting %s %s." % b.leader()[:2]),
    lambda b, c: (f"%s %s of %s paid a state visit to {b.country} {b.when(b.r.randint(c[1], c[2]))}, "
                  f"the first such visit in two decades." % b.leader()),
    lambda b, c: (f"During a meeting with %s %s in {b.r.choice(['Geneva', 'Vienna', 'Beijing', 'Ankara', 'Paris'])} "
                  f"{b.when(b.r.randint(c[1], c[2]))}, the two agreed to expand "
                  f"{b.r.choice(TOPICS)}." % b.leader()[:2]),
    lambda b, c: (f"{b.last} hosted a summit of foreign ministers in {b.capital} "
                  f"{b.when(b.r.randint(c[1], c[2]))}, attended by %s %s." % b.leader()[:2]),
    lambda b, c: (f"{cap(b.his)} dealings with {b.r.choice(FOREIGN)} have swung between "
                  f"cooperation and open hostility."),
    lambda b, c: (f"In talks with %s %s, {b.he} raised the question of {b.r.choice(TOPICS)} "
                  f"and called for closer ties with {b.r.choice(ORGS)}." % b.leader()[:2]),
    lambda b, c: (f"{cap(b.he)} represented {b.country} at {b.r.choice(ORGS)} "
                  f"{b.span(c[1], c[2])}, where {b.he} chaired several committees."),
]
TREATY = [
    lambda b, c: (f"{cap(b.when(b.r.randint(c[1], c[2])))}, {b.he} signed the Treaty of "
                  f"{b.r.choice(b.cities)} with %s %s of %s." % b.leader()),
    lambda b, c: (f"The {b.r.choice(b.cities)} Accord on {b.r.choice(TOPICS)}, which "
                  f"{b.last} negotiated with %s %s, entered into force in {c[2]}." % b.leader()[:2]),
    lambda b, c: (f"{cap(b.he)} signed an agreement on {b.r.choice(TOPICS)} with "
                  f"{b.r.choice(FOREIGN)} {b.when(b.r.randint(c[1], c[2]))}."),
    lambda b, c: (f"Under {b.his} leadership {b.country} ratified the Convention on "
                  f"{b.r.choice(TOPICS).capitalize()} in {b.r.randint(c[1], c[2])}."),
]
POLICY = [
    lambda b, c: (f"During {b.his} tenure {b.he} enacted several reforms, including "
                  f"{b.r.choice(POLICIES)} and {b.r.choice(POLICIES)}."),
    lambda b, c: (f"In {b.r.randint(c[1], c[2])}, {b.last} announced {b.r.choice(POLICIES)}, "
                  f"which was backed by an overwhelming majority in the {b.legislature}."),
    lambda b, c: (f"Critics accused {b.him} of favouring {b.his} allies, and several "
                  f"ministers resigned in protest."),
    lambda b, c: (f"The economy grew by {b.r.randint(2, 9)}.{b.r.randint(0, 9)} per cent a year "
                  f"while {b.he} was in office, largely because of high prices for oil and gas."),
    lambda b, c: (f"{cap(b.he)} sacked the entire government of {b.person()} "
                  f"{b.when(b.r.randint(c[1], c[2]))} and ordered an inquiry into the unrest."),
    lambda b, c: (f"Human rights groups said that the government under {b.last} remained "
                  f"authoritarian, although some political prisoners were released."),
    lambda b, c: (f"A constitutional referendum held {b.when(b.r.randint(c[1], c[2]))} "
                  f"limited the powers of the presidency and gave more authority to the "
                  f"{b.legislature}."),
]
FAMILY = [
    lambda b, c: (f"{b.last} is married to {b.spouse} (née {b.r.choice(SURNAMES)}); they have "
                  f"{b.r.choice(['one son', 'two sons', 'a daughter', 'three children', 'two daughters'])}."),
    lambda b, c: (f"{cap(b.his)} {b.r.choice(['son', 'daughter'])}, {b.r.choice(MALE + FEMALE)} "
                  f"{b.last}, is a {b.r.choice(PROFESSIONS)} in {b.capital}."),
    lambda b, c: (f"In {b.born + b.r.randint(22, 35)} {b.he} married {b.spouse}, a "
                  f"{b.r.choice(PROFESSIONS)} {b.he} had met at university."),
    lambda b, c: (f"{cap(b.his)} brother, {b.r.choice(MALE)} {b.last}, served as "
                  f"Mayor of {b.r.choice(b.cities)} from {b.born + 30} to {b.born + 36}."),
    lambda b, c: (f"{cap(b.he)} is a keen {b.r.choice(['chess player', 'skier', 'football supporter', 'amateur painter'])} "
                  f"and has written {b.r.randint(2, 9)} books on history and diplomacy."),
    lambda b, c: (f"{b.last} and {b.his} spouse divorced in {b.born + b.r.randint(40, 55)}."),
]
LATER = [
    lambda b, c: (f"After leaving office {b.he} returned to {b.birthplace} and founded a "
                  f"research institute on {b.r.choice(TOPICS)}."),
    lambda b, c: (f"{cap(b.he)} died in {b.capital} on {b.day_date(b.died)} at the age of "
                  f"{b.died - b.born}." if b.died else
                  f"Since {b.careers[-1][2]}, {b.he} has chaired the board of a foundation in "
                  f"{b.capital}."),
    lambda b, c: (f"In {b.careers[-1][2] + 1} {b.he} was awarded the Order of the "
                  f"{b.r.choice(['Golden Eagle', 'White Star', 'Republic', 'Friendship'])}."),
]

SECTION_HEADINGS = {
    "early": ["Early life and education", "Early life", "Background and education"],
    "family": ["Personal life", "Family", "Personal life and honours"],
    "later": ["Later life", "Retirement and later life", "Death and legacy"],
    "foreign": ["Foreign relations", "Foreign policy", "Foreign visits", "International role"],
    "treaty": ["Treaties", "International agreements"],
    "policy": ["Domestic policy", "Political reforms", "Economic reforms and policies"],
}


def paragraph(b, pools, n, c=None):
    out, used = [], set()
    for _ in range(n):
        pool = b.r.choice(pools)
        t = b.r.choice(pool)
        if t in used:  # a template at most once per paragraph
            t = b.r.choice(pool)
            if t in used:
                continue
        used.add(t)
        out.append(t(b, c))
    return " ".join(out)


def biography(r, target_bytes):
    b = Bio(r)
    parts = [b.name]
    lead = [r.choice(LEAD)(b, None)] + [t(b, None) for t in r.sample(SUMMARY, r.randint(1, 3))]
    parts.append(" ".join(lead))
    parts.append("\n")  # a blank line or two after the lead, as in the samples
    parts.append(r.choice(SECTION_HEADINGS["early"]))
    parts.append(paragraph(b, [EARLY], r.randint(2, 4)))
    parts.append(paragraph(b, [EDUCATION], r.randint(2, 3)))
    size = sum(len(p.encode()) + 1 for p in parts)
    i = 0
    tail = [r.choice(SECTION_HEADINGS["family"]), paragraph(b, [FAMILY], r.randint(2, 4)),
            r.choice(SECTION_HEADINGS["later"]), paragraph(b, [LATER], r.randint(1, 2))]
    target = max(target_bytes - sum(len(p.encode()) + 1 for p in tail), 0)
    while size < target or i < len(b.careers):
        c = b.careers[i % len(b.careers)]
        kind = r.random()
        if i < len(b.careers):
            heading = r.choice([f"{c[0]} ({c[1]}–{c[2]})", c[0], "Political career",
                                f"{c[1]} election" if r.random() < 0.3 else "Early career"])
            body = [paragraph(b, [CAREER, CAREER, ELECTION, POLICY], r.randint(3, 6), c)]
        elif kind < 0.35:
            heading = r.choice(SECTION_HEADINGS["foreign"])
            body = [paragraph(b, [FOREIGN_T], r.randint(3, 7), c) for _ in range(r.randint(1, 2))]
        elif kind < 0.5:
            heading = r.choice(SECTION_HEADINGS["treaty"])
            body = [paragraph(b, [TREATY, FOREIGN_T], r.randint(2, 5), c)]
        elif kind < 0.75:
            heading = r.choice(SECTION_HEADINGS["policy"] + [str(r.randint(c[1], c[2]))])
            body = [paragraph(b, [POLICY, CAREER], r.randint(3, 6), c)]
        else:
            heading = r.choice([c[0], f"Second term as {c[0]}", "Political career"])
            body = [paragraph(b, [CAREER, ELECTION, FOREIGN_T, POLICY], r.randint(3, 6), c)]
        parts.append(heading)
        parts.extend(body)
        size += sum(len(p.encode()) + 1 for p in [heading] + body)
        i += 1
    parts.extend(tail)
    return b, "\n".join(parts) + "\n"


def slug(name):
    out = []
    for ch in name.lower():
        if ch.isascii() and ch.isalnum():
            out.append(ch)
        elif out and out[-1] != "-":
            out.append("-")
    return "".join(out).strip("-")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int)
    ap.add_argument("--mb", type=float)
    ap.add_argument("--doc-kb", type=float, default=8.0)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    if a.docs is None and a.mb is None:
        ap.error("give --docs N, --mb M or both")
    r = random.Random(a.seed)
    total = a.mb * 1e6 if a.mb is not None else None
    avg = total / a.docs if (total is not None and a.docs) else a.doc_kb * 1000
    single = a.out.endswith(".txt")
    if single:
        os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
        sink = open(a.out, "w", encoding="utf-8")
    else:
        os.makedirs(a.out, exist_ok=True)
    written, n = 0, 0
    while (a.docs is not None and n < a.docs) or (a.docs is None and written < total):
        # documents vary in length around the average (0.5x to 1.5x)
        b, text = biography(r, int(avg * r.uniform(0.5, 1.5)))
        data = text.encode("utf-8")
        if single:
            sink.write(("\n\n" if n else "") + text)
        else:
            with open(os.path.join(a.out, f"{n:05d}-{slug(b.name)}.txt"), "wb") as f:
                f.write(data)
        written += len(data)
        n += 1
    if single:
        sink.close()
    print(f"gen-bios: {n} documents, {written / 1e6:.2f} MB in {a.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
