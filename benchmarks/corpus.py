"""A deterministic corpus of news-like articles with the dev set's kinds of noise.

Run: ``python benchmarks/corpus.py [--size 10MB] [--seed 0] [-o corpus.jsonl]``.
From another script: ``generate(size_bytes, seed)`` yields the records and
``write_corpus(path, size_bytes, seed)`` writes them.

Why its own text: the benchmark needs megabytes of real-looking English news,
and the dev set's texts are third-party and may not be copied. The articles
are built from this module's own sentence templates and word lists; the
noise imitates the dev set's categories (``../shared/devset/README.md``) in
the proportions given by ``PROFILES`` and ``LIGHT_NOISE`` (most documents
clean or lightly noisy; ``docs/performance.md`` lists them).

Determinism: each document draws from its own ``random.Random`` seeded with
the string ``"<seed>:<index>"`` (hashed with SHA-512 by Python), so the same
arguments give the same bytes on any machine and Python 3 version, and a
smaller corpus is a prefix of a larger one with the same seed.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path
from typing import Callable, Iterator

# --- English vocabulary -----------------------------------------------------

FIRST = ["James", "Maria", "Ahmed", "Sarah", "David", "Leila", "Omar", "Elena", "John", "Fatima",
         "Peter", "Nadia", "Karim", "Anna", "Samuel", "Yusuf", "Grace", "Hassan", "Laura", "Tariq",
         "José", "Zoë", "Rania", "Michael", "Noor", "Victor", "Amal", "Thomas", "Lina", "Daniel"]
LAST = ["Haddad", "Miller", "Rahman", "Okafor", "Novak", "Saleh", "Fischer", "Mansour", "Clarke",
        "Bakr", "Moreno", "Aziz", "Larsen", "Nasser", "Kowalski", "Ibrahim", "Duarte", "Khoury",
        "Bennett", "Farouk", "Müller", "Suleiman", "Tanaka", "O'Neill", "Hamdan", "Petrov"]
ROLES = ["the foreign minister", "a senior official", "the central bank governor", "the prime minister",
         "a spokesman for the interior ministry", "the head coach", "an economist at the university",
         "the mayor", "a researcher", "the company's chief executive", "a United Nations envoy",
         "the opposition leader", "a local resident", "the defence secretary", "a health official"]
# Country, city, Arabic name of the country (for the arabic_inline noise).
COUNTRIES = [("Iraq", "Baghdad", "العراق"), ("Egypt", "Cairo", "مصر"), ("Jordan", "Amman", "الأردن"),
             ("Lebanon", "Beirut", "لبنان"), ("Syria", "Damascus", "سوريا"), ("Morocco", "Rabat", "المغرب"),
             ("Tunisia", "Tunis", "تونس"), ("Saudi Arabia", "Riyadh", "السعودية"),
             ("Qatar", "Doha", "قطر"), ("Kuwait", "Kuwait City", "الكويت"), ("Oman", "Muscat", "عمان"),
             ("Algeria", "Algiers", "الجزائر"), ("Libya", "Tripoli", "ليبيا"), ("Yemen", "Sanaa", "اليمن"),
             ("Sudan", "Khartoum", "السودان"), ("France", "Paris", "فرنسا"), ("Germany", "Berlin", "ألمانيا"),
             ("Turkey", "Ankara", "تركيا"), ("Japan", "Tokyo", "اليابان"), ("Brazil", "Brasilia", "البرازيل")]
ORGS = [("the United Nations", "الأمم المتحدة"), ("the European Union", "الاتحاد الأوروبي"),
        ("the World Bank", "البنك الدولي"), ("the Arab League", "جامعة الدول العربية"),
        ("the World Health Organization", "منظمة الصحة العالمية"), ("the Red Crescent", "الهلال الأحمر")]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
TOPICS = ["the budget", "fuel prices", "the ceasefire", "water shortages", "the election", "the new stadium",
          "youth unemployment", "the vaccine programme", "food imports", "the border crossing",
          "the rail project", "interest rates", "the drought", "the trade agreement", "housing costs",
          "the power grid", "the peace talks", "tourism", "the school reform", "the wheat harvest"]
GROUPS = ["farmers", "teachers", "investors", "doctors", "students", "fishermen", "shop owners",
          "refugees", "nurses", "drivers", "engineers", "families", "fans", "workers", "voters"]
ACTIONS = ["announced new measures on", "warned about", "rejected criticism of", "defended",
           "called for an inquiry into", "promised to review", "raised concerns over", "welcomed progress on",
           "postponed a decision on", "signed an agreement on"]
OUTCOMES = ["rose", "fell", "doubled", "stayed flat", "climbed sharply", "dropped slightly"]
PLACES_IN = ["in the capital", "in the north of the country", "along the coast", "in rural areas",
             "near the border", "in the old city", "across the region", "in the southern provinces"]

# Sentence templates. Slots: {person} {role} {country} {city} {org} {day} {month}
# {topic} {group} {action} {outcome} {place} {n} {m} {pct} {year}; {quote} is
# another template's text spoken by someone.
NARRATIVE = [
    "{person}, {role}, {action} {topic} on {day}.",
    "Officials in {city} said {n} people had been affected by {topic} {place}.",
    "The decision follows weeks of protests by {group} {place}.",
    "According to figures released in {month}, exports {outcome} by {pct} percent compared with last year.",
    "{org_cap} said it would send a team to {country} to assess the situation.",
    "The government of {country} has faced growing pressure over {topic} since {year}.",
    "In {city}, {group} gathered outside the ministry to demand answers about {topic}.",
    "{person} told reporters that talks with {org} would resume in {month}.",
    "More than {n} {group} have signed a petition asking for changes to {topic}.",
    "Analysts expect the figures to improve before the end of {year}, although risks remain.",
    "The ministry said {m} new centres would open {place} over the next two years.",
    "Prices for basic goods {outcome} in {month}, according to the statistics office.",
    "It was the {ordinal} meeting between the two delegations this year.",
    "The plan, which will cost about ${n} million, still needs the approval of parliament.",
    "{person} scored twice as the home side won {m}-1 in {city} on {day} night.",
    "Heavy rain caused flooding {place}, and {n} families were moved to temporary shelters.",
    "The report, published on {day}, found that {pct} percent of {group} had lost income.",
    "Critics say the reform does not go far enough – and that {group} will pay the price.",
    "Local media reported that the meeting in {city} ended without an agreement.",
    "{org_cap} has repeatedly urged all sides to protect civilians {place}.",
    "Since {year}, the number of {group} in {country} has {outcome_pp} by roughly {pct} percent.",
    "The minister is expected to visit {city} next week to discuss {topic} with {group}.",
    "Several countries, including {country}, have offered to help with {topic}.",
    "The company's share price moved by {pct} percent after the announcement on {day}.",
    "Residents of {city} said they had not been consulted about {topic}.",
    "The agreement covers trade, energy and {topic}, officials said.",
    "{person} has been in the post since {month} {year} and has made {topic} a priority.",
    "Police said {m} people were arrested after clashes {place} late on {day}.",
]
QUOTES = [
    "We will not accept any delay on this issue",
    "The situation is difficult, but we are making progress",
    "Nobody should have to choose between food and medicine",
    "This is the most important decision we have taken in years",
    "We are ready to talk to everyone who wants a solution",
    "Our team showed real character today",
    "People are tired of promises, they want results",
    "The numbers speak for themselves",
    "We have asked for more time, and we hope they will listen",
    "It is too early to say what the long-term effects will be",
    "We have repeatedly said the crisis is not over",
    "Nobody knows what will happen next week",
]
QUOTE_FRAMES = [
    '"{quote}," {person} said.',
    '"{quote}," said {role}.',
    '{person} said: "{quote}."',
    '"{quote}," {person}, {role}, told reporters on {day}.',
    '"{quote}... {quote2}," {person} added.',
    'Asked about {topic}, {person} replied: "{quote}?"',
    "{person} said it wasn't clear whether the plan's costs had been agreed.",
]
# Prose lines that begin like furniture ("Shares", "Most", "More"): the dev
# set's trap_prose kind. They must be kept by a cleaner.
TRAP_LINES = [
    "Shares in the national carrier fell {pct} percent on {day} after the airline cut its forecast.",
    "Most of the {n} families who fled the fighting have still not returned to {city}.",
    "More than {n} {group} took part in the strike, according to the union.",
    "Share prices in {city} recovered later in the week.",
    "Most analysts expect {topic} to dominate the campaign.",
    "More talks are planned for {month}.",
]
TITLES = [
    "{country} {action_t} {topic_t} as pressure grows",
    "Thousands of {group} protest in {city} over {topic}",
    "What we know about {topic} in {country}",
    "{person} says talks on {topic} will continue",
    "{org_cap} warns of crisis {place}",
    "{country} and {country2} sign deal on {topic}",
    "Why {topic} matters for {group} in {country}",
]

# --- Arabic (for the mainly_arabic documents) --------------------------------

AR_SENTENCES = [
    "أعلنت وزارة الداخلية اليوم عن إجراءات جديدة لتنظيم حركة المرور في العاصمة.",
    "وقال المتحدث باسم الحكومة إن المفاوضات ستستأنف الأسبوع المقبل.",
    "وشهدت الأسواق المحلية ارتفاعا ملحوظا في أسعار المواد الغذائية خلال الشهر الماضي.",
    "وأكد الوزير أن الحكومة ستواصل دعم المزارعين في المناطق الريفية.",
    "ودعا عدد من النواب إلى فتح تحقيق في أسباب انقطاع الكهرباء.",
    "وتأتي هذه الخطوة في إطار خطة شاملة لإصلاح قطاع التعليم.",
    "وأشار التقرير إلى أن نسبة البطالة بين الشباب ما زالت مرتفعة.",
    "واستقبل الرئيس وفدا من رجال الأعمال لبحث سبل تعزيز الاستثمار.",
    "ومن المنتظر أن يصادق البرلمان على مشروع القانون قبل نهاية السنة.",
    "وقالت مصادر محلية إن الأمطار الغزيرة تسببت في أضرار كبيرة بالطرق.",
    "وفاز الفريق المحلي بثلاثة أهداف مقابل هدف واحد في مباراة مثيرة.",
    "وطالبت النقابة بتحسين ظروف العمل والرفع من الأجور.",
]
AR_TITLES = ["الحكومة تعلن خطة جديدة للإصلاح", "ارتفاع الأسعار يثير قلق المواطنين",
             "البرلمان يناقش مشروع قانون المالية", "أمطار غزيرة تضرب عدة مدن"]

# --- Noise material ------------------------------------------------------------

AR_LABELS = ["مشاركة :", "طباعة", "اقرأ أيضا", "اقرأ أيضا:", "تابعونا على", "شارك الخبر", "نسخ الرابط",
             "حجم الخط", "التعليقات", "مواضيع ذات صلة", "فيسبوك", "تويتر", "واتساب", "أرسل لصديق"]
EN_FURNITURE_HEAD = ["Advertisement", "Share this article", "Share", "Listen to this article",
                     "Updated: {day} {n2} {month} {year}", "Image source, Getty Images"]
EN_FURNITURE_TAIL = ["Advertisement", "Read more:", "Related articles", "Related Topics",
                     "Sign up for our newsletter", "Subscribe", "Comments", "Tags: {topic_t}, {country}",
                     "Follow us on Twitter", "Share this article", "Print",
                     "© {year} News Agency. All rights reserved.",
                     "We use cookies to improve your experience on our website."]
CURLY_DOUBLE = [("\u201c", "\u201d"), ("\u201c", "\u201d"), ("\u201c", "\u201d"), ("\u00ab", "\u00bb"),
                ("\u201e", "\u201c"), ("\u201d", "\u201d"), ("\u2033", "\u2033")]
CURLY_APOSTROPHES = ["\u2019", "\u2019", "\u2019", "\u02bc", "\u2018"]
ODD_SPACES = ["\u00a0", "\u00a0", "\u00a0", "\u202f", "\u2009", "\u200a", "\u2002", "\u3000", "\t", "  "]
INVISIBLES = ["\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\u200e", "\u200f", "\u2066", "\u2069"]
ENTITIES = {"'": ["&rsquo;", "&#8217;", "&#39;", "&apos;", "&#x27;"], '"': ["&quot;", "&#34;"],
            " ": ["&nbsp;"], "&": ["&amp;"], "...": ["&hellip;"], " - ": ["&mdash;", " &ndash; "]}
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
PERSIAN_INDIC = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
TATWEEL = "\u0640"

# Document profiles: (name, share). A "light" document gets one noise kind
# drawn from LIGHT_NOISE; "heavy" gets the seed-like mix of several.
PROFILES = [("clean", 0.45), ("trap_prose", 0.04), ("light", 0.36), ("heavy", 0.12), ("mainly_arabic", 0.03)]
LIGHT_NOISE = [("quotes_curly", 0.30), ("spaces_invisible", 0.14), ("english_furniture", 0.14),
               ("arabic_boilerplate", 0.10), ("html_entities", 0.08), ("quote_spacing", 0.08),
               ("mojibake", 0.06), ("arabic_inline", 0.05), ("arabic_punct_digits", 0.05)]
# Every category the generator can put in a record's "noise" field.
CATEGORIES = ("control_untouched", "trap_prose", "mixed", "mainly_arabic") + tuple(k for k, _ in LIGHT_NOISE)

_SLOT = re.compile(r"\{(\w+)\}")


def _pick(rng: random.Random, weighted: list[tuple[str, float]]) -> str:
    names, weights = zip(*weighted)
    return rng.choices(names, weights=weights)[0]


def _document_length(rng: random.Random) -> int:
    """Target characters: most 2-3 KB, some shorter (0.5 KB), a long tail to 20 KB."""
    draw = rng.random()
    if draw < 0.6:
        return rng.randint(2000, 3000)
    if draw < 0.85:
        return rng.randint(500, 2000)
    return int(3000 * (20000 / 3000) ** rng.random())


class _Writer:
    """Fills templates for one document; the document sticks to a few names and places."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.people = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(3)]
        self.countries = rng.sample(COUNTRIES, 3)
        self.year = rng.randint(2015, 2025)

    def _value(self, slot: str) -> str:
        rng = self.rng
        country = rng.choice(self.countries)
        values: dict[str, Callable[[], str]] = {
            "person": lambda: rng.choice(self.people), "role": lambda: rng.choice(ROLES),
            "country": lambda: country[0], "country2": lambda: self.countries[1][0],
            "city": lambda: country[1], "org": lambda: rng.choice(ORGS)[0],
            "org_cap": lambda: rng.choice(ORGS)[0].replace("the ", "The ", 1),
            "day": lambda: rng.choice(DAYS), "month": lambda: rng.choice(MONTHS),
            "topic": lambda: rng.choice(TOPICS), "topic_t": lambda: rng.choice(TOPICS).removeprefix("the "),
            "group": lambda: rng.choice(GROUPS), "action": lambda: rng.choice(ACTIONS),
            "action_t": lambda: rng.choice(["rejects", "backs", "delays", "reviews"]),
            "outcome": lambda: rng.choice(OUTCOMES),
            "outcome_pp": lambda: rng.choice(["risen", "fallen", "grown", "dropped"]),
            "place": lambda: rng.choice(PLACES_IN), "n": lambda: str(rng.choice([12, 40, 150, 230, 1200, 3500])),
            "n2": lambda: str(rng.randint(1, 28)), "m": lambda: str(rng.randint(2, 9)),
            "pct": lambda: rng.choice(["3", "7.5", "12", "18", "25", "40"]), "year": lambda: str(self.year),
            "ordinal": lambda: rng.choice(["second", "third", "fourth"]),
            "quote": lambda: rng.choice(QUOTES), "quote2": lambda: rng.choice(QUOTES),
        }
        return values[slot]()

    def fill(self, template: str) -> str:
        return _SLOT.sub(lambda m: self._value(m.group(1)), template)

    def sentence(self) -> str:
        if self.rng.random() < 0.25:
            return self.fill(self.rng.choice(QUOTE_FRAMES))
        return self.fill(self.rng.choice(NARRATIVE))

    def title(self) -> str:
        title = self.fill(self.rng.choice(TITLES))
        return title[0].upper() + title[1:]


def _english_article(rng: random.Random, length: int, traps: bool) -> str:
    """Title, blank line, then paragraphs (or, for a quarter of documents, one long line)."""
    writer = _Writer(rng)
    layout = rng.choice(["paragraphs", "paragraphs", "lines"] + ([] if traps else ["single"]))
    paragraphs: list[list[str]] = [[]]
    size = 0
    while size < length:
        if traps and not paragraphs[-1] and (len(paragraphs) == 1 or rng.random() < 0.3):
            sentence = writer.fill(rng.choice(TRAP_LINES))
        else:
            sentence = writer.sentence()
        paragraphs[-1].append(sentence)
        size += len(sentence) + 1
        if len(paragraphs[-1]) >= rng.randint(2, 5):
            paragraphs.append([])
    body = [" ".join(p) for p in paragraphs if p]
    if layout == "single":
        return " ".join(body)
    separator = "\n\n" if layout == "paragraphs" else "\n"
    return writer.title() + "\n\n" + separator.join(body)


def _arabic_article(rng: random.Random, length: int) -> str:
    lines = [rng.choice(AR_TITLES), ""]
    size = 0
    while size < length:
        paragraph = " ".join(rng.choice(AR_SENTENCES) for _ in range(rng.randint(2, 4)))
        lines.append(paragraph)
        size += len(paragraph.encode("utf-8"))
    return "\n".join(lines)


# --- Noise injectors: each takes (rng, text) and returns the noisy text ---------

def _sprinkle(rng: random.Random, text: str, pattern: str, choices: list[str], rate: float) -> str:
    """Replace each match of ``pattern`` with a random choice, with probability ``rate``."""
    return re.sub(pattern, lambda m: rng.choice(choices) if rng.random() < rate else m.group(0), text)


def quotes_curly(rng: random.Random, text: str) -> str:
    opening, closing = rng.choice(CURLY_DOUBLE)
    text = re.sub(r'"([^"\n]*)"', lambda m: f"{opening}{m.group(1)}{closing}", text)
    text = _sprinkle(rng, text, r"(?<=\w)'(?=\w)", CURLY_APOSTROPHES, 0.8)
    text = _sprinkle(rng, text, r"\.\.\.", ["\u2026"], 1.0)
    return _sprinkle(rng, text, r"(?<=\w)-(?=\w)", ["\u2010", "\u2011"], 0.5)


def spaces_invisible(rng: random.Random, text: str) -> str:
    text = _sprinkle(rng, text, r"(?<=\w) (?=\w)", ODD_SPACES, 0.02)
    text = _sprinkle(rng, text, r"(?<=[a-z])(?=[a-z]{3})", INVISIBLES, 0.003)
    roll = rng.random()
    if roll < 0.3:
        text = text.replace("\n", "\r\n")
    elif roll < 0.4:
        text = text.replace("\n\n", "\n\u2029\n", 1)
    if rng.random() < 0.3:
        text = "\ufeff" + text
    if rng.random() < 0.3:
        text = "\n" + text + "  \n\n\n"
    return text


def html_entities(rng: random.Random, text: str) -> str:
    for plain, entities in ENTITIES.items():
        text = _sprinkle(rng, text, re.escape(plain), entities, 0.3 if plain != " " else 0.01)
    return text


def mojibake(rng: random.Random, text: str) -> str:
    """One or two sentences as UTF-8 read as Windows-1252; sometimes a mojibake Arabic label."""
    sentences = re.split(r"(?<=[.?!\"]) ", text)
    quoted = [i for i, sentence in enumerate(sentences) if re.search("['\"\u2013]", sentence)]
    for index in rng.sample(quoted, min(len(quoted), rng.randint(1, 2))):
        curled = quotes_curly(rng, sentences[index])
        sentences[index] = curled.encode("utf-8").decode("cp1252", errors="replace")
    text = " ".join(sentences)
    if not quoted or rng.random() < 0.4:
        text += "\n" + rng.choice(AR_LABELS).encode("utf-8").decode("cp1252", errors="replace")
    return text


def _stretched_label(rng: random.Random) -> str:
    label = rng.choice(AR_LABELS)
    roll = rng.random()
    if roll < 0.15:
        return label.replace("ا", "ا" + TATWEEL * 2, 1) if "ا" in label else label + TATWEEL
    if roll < 0.3:
        return "\u200f" + label + "\u200f"
    return label


def arabic_boilerplate(rng: random.Random, text: str) -> str:
    where = rng.choice(["tail_line", "tail_line", "tail_glued", "head_line", "both"])
    if where in ("tail_line", "both"):
        text += "\n" + _stretched_label(rng)
    if where == "tail_glued":
        text += " " + _stretched_label(rng)
    if where in ("head_line", "both"):
        text = _stretched_label(rng) + "\n\n" + text
    return text


def english_furniture(rng: random.Random, text: str) -> str:
    writer = _Writer(rng)
    if rng.random() < 0.4:
        text = writer.fill(rng.choice(EN_FURNITURE_HEAD)) + "\n" + text
    tail = [writer.fill(line) for line in rng.sample(EN_FURNITURE_TAIL, rng.randint(1, 3))]
    return text + "\n\n" + "\n".join(tail)


def arabic_inline(rng: random.Random, text: str) -> str:
    names = {english: arabic for english, _, arabic in COUNTRIES} | dict(ORGS)
    present = [name for name in names if name in text]
    for name in rng.sample(present, min(len(present), 2)):
        left, right = rng.choice([("(", ")"), ("(", ")"), ("[", "]"), ('"', '"'), ("", "")])
        text = text.replace(name, f"{name} {left}{names[name]}{right}", 1)
    return text


def arabic_punct_digits(rng: random.Random, text: str) -> str:
    digits = rng.choice([ARABIC_INDIC, PERSIAN_INDIC])
    text = re.sub(r"\b\d{2,4}\b", lambda m: m.group(0).translate(digits) if rng.random() < 0.3 else m.group(0), text)
    text = _sprinkle(rng, text, r",(?= )", ["\u060c"], 0.1)
    text = _sprinkle(rng, text, r"\?", ["\u061f"], 0.5)
    return _sprinkle(rng, text, r" percent", ["\u066a"], 0.3)


def quote_spacing(rng: random.Random, text: str) -> str:
    text = re.sub(r'([.,?!])"', lambda m: f'{m.group(1)} "' if rng.random() < 0.4 else m.group(0), text)
    text = _sprinkle(rng, text, r"(?<=\w)(?=[,.;:](?: |$))", [" "], 0.05)
    return _sprinkle(rng, text, r'(?<= ")(?=\w)', [" "], 0.2)


def mixed(rng: random.Random, text: str) -> str:
    """The seed's mix: curly quotes, quote spacing, odd spaces, Arabic labels, maybe furniture."""
    text = quote_spacing(rng, text)
    text = quotes_curly(rng, text)
    text = _sprinkle(rng, text, r"(?<=\w) (?=\w)", ["\u00a0", "\u200b "], 0.01)
    if rng.random() < 0.4:
        text = english_furniture(rng, text)
    return arabic_boilerplate(rng, text)


def mainly_arabic_noise(rng: random.Random, text: str) -> str:
    text = _sprinkle(rng, text, r"(?m)^(?=\S)", ["\u200f"], 0.5)
    text = _sprinkle(rng, text, r"(?<=[\u0628-\u0647])(?=[\u0628-\u0647])", [TATWEEL], 0.002)
    return _sprinkle(rng, text, r" ", ["\u00a0", "  "], 0.01)


NOISE: dict[str, Callable[[random.Random, str], str]] = {
    "quotes_curly": quotes_curly, "spaces_invisible": spaces_invisible, "html_entities": html_entities,
    "mojibake": mojibake, "arabic_boilerplate": arabic_boilerplate, "english_furniture": english_furniture,
    "arabic_inline": arabic_inline, "arabic_punct_digits": arabic_punct_digits,
    "quote_spacing": quote_spacing, "mixed": mixed,
}


def document(seed: int, index: int) -> dict[str, object]:
    """The record at ``index`` of the corpus drawn with ``seed``."""
    rng = random.Random(f"{seed}:{index}")
    profile = _pick(rng, PROFILES)
    length = _document_length(rng)
    if profile == "mainly_arabic":
        text = mainly_arabic_noise(rng, _arabic_article(rng, length))
        kinds = ["mainly_arabic"]
    else:
        text = _english_article(rng, length, traps=profile == "trap_prose")
        kinds = {"clean": ["control_untouched"], "trap_prose": ["trap_prose"], "heavy": ["mixed"],
                 "light": [_pick(rng, LIGHT_NOISE)]}[profile]
        for kind in kinds:
            if kind in NOISE:
                text = NOISE[kind](rng, text)
    return {"id": f"bench-{seed}-{index:07d}", "text": text, "noise": kinds,
            "url": f"https://news.example.org/{rng.randint(2015, 2025)}/article-{index}"}


def generate(size_bytes: int, seed: int = 0) -> Iterator[dict[str, object]]:
    """Records until their texts hold at least ``size_bytes`` bytes of UTF-8."""
    total = 0
    index = 0
    while total < size_bytes:
        record = document(seed, index)
        total += len(str(record["text"]).encode("utf-8"))
        index += 1
        yield record


def write_corpus(path: Path, size_bytes: int, seed: int = 0) -> int:
    """Write the corpus as JSONL (UTF-8, one record a line); return the number of records."""
    count = 0
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        for record in generate(size_bytes, seed):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count


_UNITS = {"": 1, "B": 1, "KB": 10**3, "MB": 10**6, "GB": 10**9}


def parse_size(text: str) -> int:
    """``10MB`` -> 10_000_000 (decimal units, as MB/s figures use)."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([KMG]?B?)\s*", text.upper())
    if not match:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (try 500KB, 10MB, 1GB)")
    return int(float(match.group(1)) * _UNITS[match.group(2)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=parse_size, default=parse_size("10MB"),
                        help="bytes of text to generate, e.g. 500KB, 10MB (default 10MB)")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    parser.add_argument("-o", "--output", type=Path, default=Path("corpus.jsonl"), help="JSONL file to write")
    args = parser.parse_args()
    count = write_corpus(args.output, args.size, args.seed)
    print(f"{args.output}: {count} records, {args.output.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
