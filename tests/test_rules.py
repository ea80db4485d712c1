"""Rules as data: the packaged files are valid, users add their own, mistakes are named."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import bilingua
from bilingua.rules import PACKAGED_RULE_FILES, Rule, RuleSet, _rule_matchers

PROSE = [
    "Share prices rose 3% on Monday.",
    "Shares in the company fell 4 percent.",
    "Most of the time, he seemed sure of his decision.",
    "More than 90 percent of the population has been displaced.",
    "Home to a quarter of the world's poorest people, the region suffers.",
    "Print media is struggling across the region.",
    "Comments made by the minister drew criticism.",
    "Related to this, the ministry issued a statement.",
    "Follow-up talks are planned for next week.",
    "Read the full statement below.",
    "Updated figures show that exports fell.",
    "Images of the scene spread quickly online.",
    "With agencies stretched thin, the aid effort slowed.",
    "AFP photographers were among those detained.",
    "We will never share this land with the occupiers, he said.",
    "We will not sell our homes, whatever they offer us, said Um Khaled.",
    "Cookies and dates were handed out, and we told the children to take as many as you like, she said.",
    "Press here and abroad reported that the talks had collapsed.",
    "Tags on the luggage showed the route.",
    "Sign up for the army was voluntary.",
    "Follow on talks are due next week.",
    "See-saw trading left the Qatar index flat on Thursday.",
    "Read-across from Aramco's results lifted Gulf petrochemical stocks.",
    'Read "War and Peace" before you go, she said.',
    '"We will never sell your data to third parties," a spokesperson for the authority said.',
    "Cookies are small files that websites store on your device; we will ask for your consent, the regulator said.",
    '"Listen: nobody wants a war with Iran," he said.',  # a quotation: its quote mark is against the word
    '"Follow me."',
    '"I agree."',
    "Tag Heuer Unveils New Monaco Watch At Geneva Show",
    "Topics For The Summit Include Trade, Energy And Security",
]


def test_packaged_rules_load_with_unique_ids() -> None:
    rules = bilingua.load_rules().rules
    ids = [r.id for r in rules]
    assert len(ids) == len(set(ids))
    assert {r.source for r in rules} == {f"bilingua/data/{name}" for name in PACKAGED_RULE_FILES}
    assert any(r.lang == "ar" for r in rules) and any(r.lang == "en" for r in rules)


@pytest.mark.parametrize("line", PROSE)
def test_prose_that_starts_like_furniture_is_kept(line: str) -> None:
    assert bilingua.load_rules().match_english_line(line, at_edge=True) is None
    assert bilingua.clean(f"{line}\nAnother real sentence follows here.").text.startswith(line)


@pytest.mark.parametrize(
    "line",
    ["Share", "Share this article", "Advertisement", "Read more", "Related Articles", "Print",
     "Subscribe to our newsletter", "Sign up", "Comments", "Tags: Iraq, Syria",
     "Copyright © 2024 Example News. All rights reserved.", "Follow us on Twitter",
     "With AFP", "With agencies", "AFP photo", "Reuters Pictures",
     "Read more \"", "\" Previous", "Share this article \u2193", "Share on X (Formerly Twitter)", "X (Twitter)",
     "WhatsApp Channel", "Follow on Instagram", "Follow Gulf News on WhatsApp Channel", "Sign up for Al Jazeera",
     "Sign up to:", "Please check your email to confirm your subscription", "(Advertisement)", "[Advertisement]",
     "*** Advertisement ***", "Advertisement - Scroll to continue", "Advertisment",
     "Related video: Gaza aid convoy attacked", "Tags Gaza Israel Hamas",
     "We'll never share your email address with anyone.", 'Home "Gulf" Qatar', "Read more - Israeli strikes", "Sign-up for our newsletter", "Log-in to continue",
     "We will never spam.", "We will never sell your info.",
     "Cookies help us deliver our services. If you continue, we will assume you are happy with our cookies.",
     "Read more-Gaza ceasefire talks resume in Cairo",
     "Sign up for our newsletter to get the latest updates and added benefits."],
)
def test_furniture_lines_match(line: str) -> None:
    assert bilingua.load_rules().match_english_line(line, at_edge=True) is not None


ENGLISH_LINES = [
    json.loads(line) for line in (Path(__file__).parent / "cases" / "english_lines.jsonl").read_text("utf-8").splitlines() if line
]


@pytest.mark.parametrize("case", ENGLISH_LINES, ids=[c["line"][:40] for c in ENGLISH_LINES])
def test_english_line_cases(case: dict) -> None:
    found = bilingua.load_rules().match_english_line(case["line"], at_edge=case["at_edge"])
    assert (found.id if found else None) == case["rule"]


@pytest.mark.parametrize("label", ["مشاركة", "مشـــاركة", "ﻣﺸﺎﺭﻛﺔ", "مُشارَكة", "شارك على فيسبوك", "اقرأ أيضاً", "طباعة"])
def test_arabic_labels_match_after_normalisation(label: str) -> None:
    assert bilingua.load_rules().match_arabic(label) is not None


@pytest.mark.parametrize(
    ("label", "rule"),
    [
        ("تابعونا على فيسبوك وتويتر", "ar.follow"),  # "و" written onto the next label
        ("نشر في: 19 مايو 2025", "ar.updated"),  # a date: numbers left out, month names join
        ("آخر تحديث: 19/05/2025", "ar.updated"),
        ("جميع الحقوق محفوظة © 2025", "ar.copyright"),
        ("اطبع هذا المقال", "ar.print"),
        ("أضف إلى المفضلة", "ar.print"),
        ("إرسال بالبريد الإلكتروني", "ar.share"),
        ("إكس (تويتر سابقا)", "ar.social"),
        ("شارك الآن!", "ar.share"),
    ],
)
def test_arabic_labels_with_dates_conjunctions_and_more_wording(label: str, rule: str) -> None:
    assert bilingua.load_rules().match_arabic(label).id == rule


@pytest.mark.parametrize("text", ["على", "الحكومة", "الجمعة", "19 مايو", "2025", "والله", "وزير الخارجية"])
def test_arabic_connectors_numbers_and_prose_alone_are_not_labels(text: str) -> None:
    assert bilingua.load_rules().match_arabic(text) is None


#: Rules whose phrases overlap (the words are in no packaged rule): which rule
#: a label is reported under depends on the order readings are tried in.
OVERLAPPING_RULES = """
connectors = ["كلم", "من جبس"]

[[rule]]
id = "user.one"
lang = "ar"
phrases = ["طنب", "سبر"]

[[rule]]
id = "user.two"
lang = "ar"
phrases = ["طنب دمث", "جبس سبر", "كلم"]

[[rule]]
id = "user.three"
lang = "ar"
phrases = ["دمث", "كلم سبر", "طنب"]
"""


@pytest.fixture(scope="module")
def overlapping_rules(tmp_path_factory: pytest.TempPathFactory) -> bilingua.RuleSet:
    path = tmp_path_factory.mktemp("rules") / "overlapping.toml"
    path.write_text(OVERLAPPING_RULES, "utf-8")
    return bilingua.load_rules([path])


@pytest.mark.parametrize(
    ("label", "rule_id"),
    [
        ("طنب", "user.one"),  # also a phrase of user.three: the rule loaded first keeps it
        ("طنب دمث", "user.two"),  # the longest phrase first, not طنب (user.one) + دمث
        ("طنب دمث سبر", "user.two"),
        ("طنب سبر", "user.one"),
        ("دمث طنب دمث", "user.three"),
        ("طُنب،  دمث!", "user.two"),  # compared after normalisation
        ("طنب دمث غصن", None),  # a word in no rule
        # A connector first when a label can follow it: not the phrase كلم سبر (user.three), nor كلم.
        ("كلم سبر", "user.one"),
        ("كلم", "user.two"),  # a connector needs words after it: here it is read as the phrase
        ("كلم كلم", "user.two"),
        ("كلم غصن", None),
        ("كلم من", "user.two"),  # the phrase كلم and a connector after it
        ("من و", None),  # connectors only
        # The longer connector first: من جبس + سبر, not من + جبس سبر (user.two).
        ("من جبس سبر", "user.one"),
        ("من جبس", None),
        ("من جبس طنب دمث", "user.two"),
    ],
)
def test_the_rule_of_an_arabic_label_is_its_first_phrase_as_read(
    overlapping_rules: bilingua.RuleSet, label: str, rule_id: str | None
) -> None:
    rule = overlapping_rules.match_arabic(label)
    assert (rule and rule.id) == rule_id


@pytest.mark.parametrize(
    ("line", "rule"),
    [("الوسوم: أرامكو، النفط", "ar.tags"), ("اقرأ أيضاً: الحكومة تعلن عن خطة جديدة للتشغيل", "ar.read_more"),
     ("جميع الحقوق محفوظة © هسبريس 2025", "ar.copyright"), ("© جميع الحقوق محفوظة لموقع الأحداث", "ar.copyright"),
     ("المصدر: رويترز", "ar.byline"), ("عاجل: الرئيس يعلن خطة جديدة", None), ("الوسوم:", None),
     ("قالت الحكومة: إن المحادثات ستستأنف", None), ("الوسوم: " + "أرامكو، " * 40, None)],
)
def test_an_arabic_label_opening_a_line_before_a_colon_takes_the_rest(line: str, rule: str | None) -> None:
    found = bilingua.load_rules().match_arabic_opening(line)
    assert (found.id if found else None) == rule


def test_rest_of_line_is_checked(tmp_path: Path) -> None:
    path = tmp_path / "rest.toml"
    path.write_text('[[rule]]\nid = "user.promo"\nlang = "en"\nrest_of_line = 100\npatterns = ["promo"]\n', "utf-8")
    with pytest.raises(bilingua.RuleFileError, match="'rest_of_line' applies to Arabic rules only"):
        bilingua.load_rules([path])
    path.write_text('[[rule]]\nid = "user.promo"\nlang = "ar"\nrest_of_line = "long"\nphrases = ["ترويج"]\n', "utf-8")
    with pytest.raises(bilingua.RuleFileError, match="'rest_of_line' must be a whole number"):
        bilingua.load_rules([path])


def test_prose_words_keep_a_line_from_a_rule(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text('[[rule]]\nid = "site.promo"\nlang = "en"\npatterns = ["watch gulf tv.*"]\n'
                    'prose_words = ["said", "according to"]\n', "utf-8")
    rules = bilingua.load_rules([path])
    assert rules.match_english_line("Watch Gulf TV tonight", True).id == "site.promo"
    assert rules.match_english_line("Watch Gulf TV tonight, he said", True) is None
    assert rules.match_english_line("Watch Gulf TV, according to the guide", True) is None
    assert rules.match_english_line("Watch Gulf TV with Said", True).id == "site.promo"  # as written: a name stays


def test_a_user_rule_beside_takes_a_mid_article_line_only_next_to_furniture(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text('[[rule]]\nid = "site.section"\nlang = "en"\nwhere = "beside"\npatterns = ["markets"]\n', "utf-8")
    alone = "Stocks fell on Monday.\n\nMarkets\n\nThe dollar rose against the euro."
    beside = "Stocks fell on Monday.\n\nMarkets\nAdvertisement\n\nThe dollar rose against the euro."
    assert bilingua.clean(alone, rule_files=[str(path)]).text == alone
    removed = bilingua.clean(beside, rule_files=[str(path)]).meta["removed"]
    assert [item["rule"] for item in removed] == ["site.section", "en.advertisement"]


def test_user_rule_file_adds_rules(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text('[[rule]]\nid = "site.promo"\nlang = "en"\nwhere = "edge"\npatterns = ["watch gulf tv live"]\n', "utf-8")
    raw = "Body text here.\nWatch Gulf TV live!"
    assert bilingua.clean(raw).text == raw
    result = bilingua.clean(raw, rule_files=[str(path)])
    assert result.text == "Body text here."
    assert result.meta["removed"][0]["rule"] == "site.promo"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('[[rule]]\nid = "x.a"\nlang = "en"\npatterns = ["(unclosed"]\n', "rule 'x.a': pattern"),
        ('[[rule]]\nid = "x.b"\nlang = "fr"\npatterns = ["a"]\n', "rule 'x.b': 'lang'"),
        ('[[rule]]\nid = "x.c"\nlang = "en"\npatern = ["a"]\n', "rule 'x.c': unknown key"),
        ('[[rule]]\nid = "x.d"\nlang = "ar"\npatterns = ["a"]\n', "rule 'x.d': a rule with lang='ar' takes 'phrases'"),
        ('[[rule]]\nlang = "en"\npatterns = ["a"]\n', "needs an 'id'"),
        ('[[rule]\n', "not valid TOML"),
        ('[[rule]]\nid = "en.share"\nlang = "en"\npatterns = ["a"]\n', "duplicate id"),
        ('[[rule]]\nid = "x.e"\nlang = "en"\npatterns = ["(?i)share"]\n', "rule 'x.e': the patterns cannot be joined"),
        ('[[rule]]\nid = "x.f"\nlang = "en"\npatterns = ["(?P<a>x)", "(?P<a>y)"]\n', "rule 'x.f': the patterns cannot"),
        ('[[rules]]\nid = "x.g"\nlang = "en"\npatterns = ["a"]\n', "unknown top-level key(s) rules"),
        # Parsed fine; only compiling the pattern finds it wrong.
        ('[[rule]]\nid = "x.h"\nlang = "en"\npatterns = ["(?<=a+)b"]\n', "rule 'x.h': pattern '(?<=a+)b' is not"),
        ('[[rule]]\nid = "x.i"\nlang = "en"\npatterns = ["a"]\nprose_words = "said"\n', "rule 'x.i': 'prose_words' must be a list"),
        ('[[rule]]\nid = "x.j"\nlang = "ar"\nphrases = ["ا"]\nprose_words = ["said"]\n', "rule 'x.j': 'prose_words' applies"),
        ('[[rule]]\nid = "x.k"\nlang = "en"\nwhere = "middle"\npatterns = ["a"]\n',
         "rule 'x.k': 'where' must be \"anywhere\", \"edge\" or \"beside\""),
    ],
)
def test_bad_rule_files_name_the_file_and_rule(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(body, "utf-8")
    with pytest.raises(bilingua.RuleFileError) as error:
        bilingua.Cleaner(rule_files=[str(path)])
    assert str(path) in str(error.value)
    assert message in str(error.value)


def test_every_packaged_line_pattern_compiles() -> None:
    # Packaged patterns are compiled when a line first reaches them, not at load: any error would show mid-run.
    english = [rule for rule in bilingua.load_rules().rules if rule.lang == "en"]
    compiled = [pattern.compile() for rule in english for _, pattern, _, _ in _rule_matchers(rule)]
    assert len(compiled) >= len(english)


def test_a_user_rule_file_is_compiled_at_load(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text('[[rule]]\nid = "site.promo"\nlang = "en"\npatterns = ["watch gulf tv live"]\n', "utf-8")
    rule = bilingua.load_rules([path]).get("site.promo")
    [(_, pattern, _, _)] = _rule_matchers(rule)
    assert "match" in vars(pattern)  # compiled: matching goes straight to the compiled pattern


def test_missing_rule_file(tmp_path: Path) -> None:
    with pytest.raises(bilingua.RuleFileError, match="cannot read"):
        bilingua.load_rules([tmp_path / "absent.toml"])


def test_furniture_with_double_spaces_is_found_at_once() -> None:
    # Layout collapses the spaces after boilerplate runs; a second cleaning
    # must not find furniture the first one missed.
    result = bilingua.clean("Body text.\nShare  this   article")
    assert result.text == "Body text."
    assert result.meta["removed"][0]["rule"] == "en.share"


def test_a_line_is_measured_with_its_runs_of_spaces_collapsed() -> None:
    """Longer than every English rule allows only because of its spaces: still furniture; longer in words: not."""
    rules = bilingua.load_rules()
    longest = max(rule.max_length for rule in rules.rules if rule.lang == "en")
    padded = "Share" + " " * longest + "this article"
    assert rules.match_english_line(padded, at_edge=True).id == "en.share"
    assert rules.match_english_line("Share this article " + "x" * longest, at_edge=True) is None


def test_only_the_patterns_a_line_gets_past_the_guards_of_are_compiled() -> None:
    rule = Rule(id="x.lazy", lang="en", where="anywhere", description="",
                patterns=("alpha one", "beta two", r".*gamma three"))
    rules = RuleSet((rule,))
    assert rules.match_english_line("Alpha one", at_edge=False) is rule
    compiled = {word: "match" in vars(pattern) for _, pattern, _, _ in _rule_matchers(rule)
                for word in ("alpha", "beta", "gamma") if word in pattern.source}
    assert compiled == {"alpha": True, "beta": False, "gamma": False}
    assert rules.match_english_line("The gamma three", at_edge=False) is rule
