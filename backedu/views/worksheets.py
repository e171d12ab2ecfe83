"""Printable worksheets for a class without devices, built from the course content.

Pure functions turn the content into whole HTML pages with print CSS (A4); ``build_worksheets``
writes them and, through a headless Chromium, a PDF of each. The answer key is its own file and
the only one that says which answers are right: the student sheets carry questions and boxes only.
"""

from __future__ import annotations

import random
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from backedu.content import Course, course
from backedu.content.models import Claim, Question, QuestionType, SymptomGroup
from backedu.errors import WorksheetError
from backedu.logic.causes import COMMONNESS_WORDS, LEVEL_LABELS, MODIFIABLE_WORDS
from backedu.logic.claims import JUDGE_AN_ARTICLE, VERDICT_LABELS, Rating
from backedu.logic.region import Region, services
from backedu.printing.chromium import HEADLESS_FLAGS, find_chromium
from backedu.views.html import Html, element, join

TITLE = "Lower back spasms: what is true and what is not"
PDF_TIMEOUT = 120  # seconds for Chromium to print one sheet

SYMPTOM_GROUPS: dict[SymptomGroup, str] = {
    SymptomGroup.SPASM: "a usual sign of a back spasm",
    SymptomGroup.NERVE: "a nerve in the back is pressed or upset",
    SymptomGroup.RED_FLAG: "it may mean something serious, so get help fast",
    SymptomGroup.NOT_BACK: "not a sign of a lower back problem",
}
_SHORT_GROUPS: dict[SymptomGroup, str] = {
    SymptomGroup.SPASM: "Spasm sign",
    SymptomGroup.NERVE: "Nerve sign",
    SymptomGroup.RED_FLAG: "Warning sign",
    SymptomGroup.NOT_BACK: "Not the back",
}
_TYPE_HINTS: dict[QuestionType, str] = {
    QuestionType.SINGLE: "Tick one answer.",
    QuestionType.MULTIPLE: "Tick every answer that is right.",
    QuestionType.TRUE_FALSE: "Tick True or False.",
}

PRINT_CSS = """
@page { size: A4; margin: 14mm 14mm 16mm 14mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 11pt;
       line-height: 1.4; color: #000; background: #fff; margin: 0; }
h1 { font-size: 17pt; margin: 0 0 1mm 0; }
h2 { font-size: 13pt; margin: 5mm 0 2mm 0; break-after: avoid; }
h3 { font-size: 11.5pt; margin: 0 0 1.5mm 0; break-after: avoid; }
p { margin: 1mm 0; }
.subtitle { font-size: 10pt; margin: 0 0 2mm 0; }
.name-line { margin: 3mm 0; font-size: 10.5pt; }
.safety { border: 2px solid #000; padding: 2mm 3mm; margin: 2mm 0 4mm 0; font-size: 10pt; }
.how { margin: 0 0 3mm 0; }
.box { display: inline-block; width: 4.2mm; height: 4.2mm; border: 1.2px solid #000;
       vertical-align: -0.8mm; margin-right: 1.5mm; background: #fff; }
.item { break-inside: avoid; margin: 0 0 4mm 0; }
.item ol { list-style: none; padding-left: 0; margin: 1mm 0 0 0; }
.item ol li { margin: 1mm 0; }
.rating { display: inline-block; margin-right: 8mm; }
.letter { font-weight: bold; display: inline-block; width: 6mm; }
.lines { border-bottom: 1px solid #555; height: 7mm; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #000; padding: 1.5mm 2mm; text-align: left; vertical-align: top; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
td.tick { text-align: center; width: 19mm; }
th.tick { text-align: center; font-size: 9.5pt; }
.cards { display: grid; grid-template-columns: 1fr 1fr; gap: 4mm; }
.card { border: 1.5px dashed #000; padding: 3mm; break-inside: avoid; font-size: 10pt; }
.card h3 { font-size: 11.5pt; }
.card dl { margin: 0; }
.card dt { font-weight: bold; margin-top: 1.2mm; }
.card dd { margin: 0; }
.key-answer { font-weight: bold; display: block; }
table.key { table-layout: fixed; }
table.key th:first-child { width: 9mm; }
table.key th:nth-child(2) { width: 44%; }
.teacher { border: 2px solid #000; padding: 1mm 3mm; display: inline-block; font-weight: bold; }
footer { margin-top: 6mm; font-size: 8.5pt; border-top: 1px solid #777; padding-top: 1mm; }
@media screen { body { max-width: 190mm; margin: 8mm auto; } }
"""


@dataclass(frozen=True)
class Sheet:
    """One printable sheet: its file name (without extension), title and whole HTML page."""

    name: str
    title: str
    html: str


# --- the sheets -----------------------------------------------------------------------------------
def symptom_sorting_sheet(content: Course | None = None, *, region: Region | None = None) -> Sheet:
    """Every symptom in a mixed order, with one box per group to tick."""
    content = content or course()
    symptoms = list(content.symptoms)
    random.Random("symptom-sorting").shuffle(symptoms)  # same order every print, groups mixed
    head = element(
        "tr",
        element("th", "#"),
        element("th", "Symptom"),
        *(element("th", label, class_="tick") for label in _SHORT_GROUPS.values()),
    )
    rows = [
        element(
            "tr",
            element("td", str(number)),
            element("td", symptom.label),
            *(
                element(
                    "td",
                    element("span", "", class_="box", aria_label=f"{label}: {symptom.label}"),
                    class_="tick",
                )
                for label in _SHORT_GROUPS.values()
            ),
        )
        for number, symptom in enumerate(symptoms, start=1)
    ]
    groups = element(
        "ul",
        *(
            element("li", element("strong", f"{_SHORT_GROUPS[group]}: "), words)
            for group, words in SYMPTOM_GROUPS.items()
        ),
    )
    body = join(
        element(
            "p",
            "Read each symptom. Tick one box to say which group it belongs to. "
            "Then talk about your answers with a partner.",
            class_="how",
        ),
        groups,
        element("table", element("thead", head), element("tbody", *rows)),
        element(
            "p",
            element("strong", "Remember: "),
            "a warning sign with back pain means get help fast. ",
            services(region).emergency,
        ),
    )
    return _sheet("symptom-sorting", "Sort the symptoms", body, region=region)


def cause_cards_sheet(content: Course | None = None, *, region: Region | None = None) -> Sheet:
    """One card per cause, to cut out and sort."""
    content = content or course()
    cards = [
        element(
            "div",
            element("h3", cause.name),
            element(
                "dl",
                element("dt", "How it hurts"),
                element("dd", cause.how_it_hurts),
                element("dt", "Who gets it"),
                element("dd", cause.at_risk),
                element("dt", "Can you change it?"),
                element("dd", MODIFIABLE_WORDS[cause.modifiable]),
                element("dt", "What to do"),
                element("dd", LEVEL_LABELS[cause.level]),
                element("dt", "How common (check after sorting)"),
                element("dd", COMMONNESS_WORDS[cause.how_common]),
            ),
            class_="card",
        )
        for cause in content.causes
    ]
    body = join(
        element(
            "p",
            "Cut out the cards. In a group, put them in order from the most common cause to the "
            "rarest, and put the myths to one side. Then check the last line of each card.",
            class_="how",
        ),
        element("div", *cards, class_="cards"),
    )
    return _sheet("cause-cards", "Cause cards", body, region=region)


def quiz_sheet(content: Course | None = None, *, region: Region | None = None) -> Sheet:
    """Every quiz question with empty boxes: nothing says which answer is right."""
    content = content or course()
    parts: list[str] = [
        element(
            "p",
            "Answer every question on your own. Your teacher has the answers.",
            class_="how",
        )
    ]
    for title, numbered in _questions_by_lesson(content):
        parts.append(element("h2", title))
        for number, question in numbered:
            choices = [
                element(
                    "li",
                    element("span", "", class_="box"),
                    element("span", f"{_letter(index)}", class_="letter"),
                    choice.text,
                )
                for index, choice in enumerate(question.choices)
            ]
            parts.append(
                element(
                    "div",
                    element("h3", f"{number}. ", question.prompt),
                    element("p", _TYPE_HINTS[question.type]),
                    element("ol", *choices),
                    class_="item",
                )
            )
    return _sheet("quiz", "Quiz", join(*parts), region=region)


def article_check_sheet(content: Course | None = None, *, region: Region | None = None) -> Sheet:
    """Each claim of the article with the four ratings to tick and a line for why."""
    content = content or course()
    ratings = element(
        "p",
        *(
            element("span", element("span", "", class_="box"), rating.label, class_="rating")
            for rating in Rating
        ),
    )
    parts: list[str] = [
        element(
            "p",
            "A web article about back spasms makes these claims. For each one, tick what you "
            "think: true, partly true, false, or not sure. Then write why.",
            class_="how",
        )
    ]
    for section, numbered in _claims_by_section(content.claims):
        parts.append(element("h2", f"The article: {section}"))
        for number, claim in numbered:
            parts.append(
                element(
                    "div",
                    element("h3", f"{number}. “", claim.article_says, "”"),
                    ratings,
                    element("p", "Why do you think so?"),
                    element("div", "", class_="lines"),
                    class_="item",
                )
            )
    parts.append(element("h2", "Questions to ask of any health article"))
    parts.append(
        element(
            "ul",
            *(element("li", ask) for ask in JUDGE_AN_ARTICLE),
        )
    )
    return _sheet("article-check", "Check the article", join(*parts), region=region)


def answer_key_sheet(content: Course | None = None, *, region: Region | None = None) -> Sheet:
    """For the teacher: the quiz answers with why, the symptom groups and the claims' verdicts."""
    content = content or course()
    parts: list[str] = [
        element("p", "Teacher's copy. Do not hand out.", class_="teacher"),
        element("h2", "Quiz"),
    ]
    for title, numbered in _questions_by_lesson(content):
        parts.append(element("h3", title, style="margin-top:3mm"))
        rows = []
        for number, question in numbered:
            right = [
                (index, choice) for index, choice in enumerate(question.choices) if choice.correct
            ]
            rows.append(
                element(
                    "tr",
                    element("td", str(number)),
                    element("td", question.prompt),
                    element(
                        "td",
                        element(
                            "span",
                            ", ".join(f"{_letter(i)} {c.text}" for i, c in right),
                            class_="key-answer",
                        ),
                        " ".join(c.feedback for _, c in right),
                    ),
                )
            )
        parts.append(_key_table(("#", "Question", "Answer and why"), rows))
    parts.append(element("h2", "Sort the symptoms"))
    symptoms = list(content.symptoms)
    random.Random("symptom-sorting").shuffle(symptoms)  # the same numbers as the student sheet
    parts.append(
        _key_table(
            ("#", "Symptom", "Group"),
            [
                element(
                    "tr",
                    element("td", str(number)),
                    element("td", symptom.label),
                    element(
                        "td",
                        element("span", _SHORT_GROUPS[symptom.group], class_="key-answer"),
                        LEVEL_LABELS[symptom.level],
                    ),
                )
                for number, symptom in enumerate(symptoms, start=1)
            ],
        )
    )
    parts.append(element("h2", "Check the article"))
    rows = []
    for _section, numbered in _claims_by_section(content.claims):
        for number, claim in numbered:
            rows.append(
                element(
                    "tr",
                    element("td", str(number)),
                    element("td", claim.article_says),
                    element(
                        "td",
                        element("span", VERDICT_LABELS[claim.verdict], class_="key-answer"),
                        claim.reason,
                    ),
                )
            )
    parts.append(_key_table(("#", "The article says", "What the evidence says"), rows))
    return _sheet("answer-key", "Answer key", join(*parts), region=region, name_line=False)


SHEETS: tuple[Callable[..., Sheet], ...] = (
    symptom_sorting_sheet,
    cause_cards_sheet,
    quiz_sheet,
    article_check_sheet,
    answer_key_sheet,
)


def all_sheets(content: Course | None = None, *, region: Region | None = None) -> list[Sheet]:
    return [make(content, region=region) for make in SHEETS]


# --- shared parts ---------------------------------------------------------------------------------
def _sheet(
    name: str, title: str, body: str, *, region: Region | None, name_line: bool = True
) -> Sheet:
    help_now = services(region)
    page = join(
        Html("<!DOCTYPE html>\n"),
        element(
            "html",
            element(
                "head",
                Html('<meta charset="utf-8">'),
                element("title", f"{title}: {TITLE}"),
                element("style", Html(PRINT_CSS)),
            ),
            element(
                "body",
                element(
                    "header",
                    element("h1", title),
                    element("p", TITLE, class_="subtitle"),
                    element(
                        "p", "Name: ______________________   Date: ____________", class_="name-line"
                    )
                    if name_line
                    else "",
                    element(
                        "p",
                        element("strong", "This sheet teaches. It does not diagnose. "),
                        element("strong", f"Emergency: {help_now.emergency}"),
                        " Do this if you have back pain with numb skin around your bottom or "
                        "genitals, new trouble peeing or pooing, or weakness in both legs.",
                        class_="safety",
                    ),
                ),
                element("main", Html(body)),
                element(
                    "footer",
                    "backedu classroom module. Facts are checked against the NHS, NICE and "
                    "research; the sources are listed in the lessons.",
                ),
            ),
            lang="en-GB",
        ),
    )
    return Sheet(name, title, str(page))


def _key_table(headers: Sequence[str], rows: Sequence[str]) -> Html:
    return element(
        "table",
        element("thead", element("tr", *(element("th", h) for h in headers))),
        element("tbody", *rows),
        class_="key",
    )


def _letter(index: int) -> str:
    return "ABCDEFGHIJ"[index]


def _questions_by_lesson(content: Course) -> list[tuple[str, list[tuple[int, Question]]]]:
    """Questions grouped by lesson in course order, numbered 1.. across the whole sheet."""
    grouped: list[tuple[str, list[tuple[int, Question]]]] = []
    number = 0
    for lesson in content.lessons:
        questions = [q for q in content.questions if q.lesson == lesson.id]
        if not questions:
            continue
        numbered = []
        for question in questions:
            number += 1
            numbered.append((number, question))
        grouped.append((lesson.title, numbered))
    return grouped


def _claims_by_section(claims: Sequence[Claim]) -> list[tuple[str, list[tuple[int, Claim]]]]:
    grouped: list[tuple[str, list[tuple[int, Claim]]]] = []
    for number, claim in enumerate(claims, start=1):
        if not grouped or grouped[-1][0] != claim.section:
            grouped.append((claim.section, []))
        grouped[-1][1].append((number, claim))
    return grouped


# --- writing and printing -------------------------------------------------------------------------
# Printing also wants no extensions and no date or URL in the page margins.
CHROMIUM_FLAGS = (*HEADLESS_FLAGS, "--disable-extensions", "--no-pdf-header-footer")


def print_pdf(html_file: Path, pdf_file: Path, *, chromium: str) -> None:
    """Print one HTML file to PDF with a headless Chromium (A4, from the page's print CSS)."""
    with tempfile.TemporaryDirectory(prefix="backedu-chromium-") as profile:
        command = [
            chromium,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={profile}",
            f"--print-to-pdf={pdf_file}",
            html_file.resolve().as_uri(),
        ]
        try:
            result = subprocess.run(
                command, capture_output=True, text=True, timeout=PDF_TIMEOUT, check=False
            )
        except FileNotFoundError:
            raise WorksheetError(
                f"cannot run the browser {chromium!r} to make PDFs: it does not exist. Set "
                "BACKEDU_CHROMIUM=/path/to/chrome, or pass --no-pdf for HTML only"
            ) from None
        except subprocess.TimeoutExpired:
            raise WorksheetError(
                f"{chromium} took more than {PDF_TIMEOUT} s to print {html_file.name}"
            ) from None
    if not pdf_file.is_file() or not pdf_file.read_bytes().startswith(b"%PDF"):
        tail = "\n".join(result.stderr.strip().splitlines()[-5:])
        raise WorksheetError(
            f"{chromium} did not print {html_file.name} to PDF (exit {result.returncode}): {tail}"
        )


def build_worksheets(
    out: Path | str,
    *,
    pdf: bool = True,
    content: Course | None = None,
    region: Region | None = None,
    chromium: str | None = None,
) -> list[Path]:
    """Write every sheet as HTML (and PDF unless ``pdf=False``) into ``out``; return the paths."""
    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        raise WorksheetError(f"--out {folder}: that is a file, not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WorksheetError(
            f"--out {folder}: cannot create the folder ({exc.strerror or exc})"
        ) from exc
    sheets = all_sheets(content, region=region)
    written: list[Path] = []
    for sheet in sheets:
        path = folder / f"{sheet.name}.html"
        path.write_text(sheet.html, encoding="utf-8")
        written.append(path)
    if not pdf:
        return written
    browser = chromium or find_chromium()
    if browser is None:
        raise WorksheetError(
            f"the HTML sheets are in {folder}, but no Chromium or Chrome was found to make PDFs. "
            "Install chromium (sudo apt-get install chromium), set BACKEDU_CHROMIUM=/path/to/"
            "chrome, or pass --no-pdf and print the HTML from any browser"
        )
    for sheet in sheets:
        pdf_path = folder / f"{sheet.name}.pdf"
        print_pdf(folder / f"{sheet.name}.html", pdf_path, chromium=browser)
        written.append(pdf_path)
    return written
