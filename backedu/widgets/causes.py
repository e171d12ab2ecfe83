"""The cause explorer: filter the causes, choose one to see its card and diagram, compare two.

A thin widget over ``backedu.logic.causes`` (what to list) and ``backedu.views.causes`` (what to
show). Every user action has a programmatic twin that sets the same control a click would set, so
the same handler runs either way: ``filter_by``, ``choose`` and ``compare``.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from backedu.content import course
from backedu.content.models import Cause, Course
from backedu.errors import CauseError
from backedu.logic.causes import (
    Show,
    filter_causes,
    find_cause,
    parse_show,
)
from backedu.logic.region import Region
from backedu.views import causes as view
from backedu.widgets.base import widget_texts

_LABELLED = {"description_width": "initial"}
_BROWSE_LABEL = {"description_width": "4.2em"}  # "Show" and "Causes" line up
_NOBODY = "Choose a cause"


def _filter_name(content: Course, show: Show) -> str:
    return content.words.cause_filter(show).name


class CauseExplorer(widgets.VBox):
    """Browse and filter the causes of back pain, read one cause's card, compare two."""

    def __init__(self, content: Course, *, region: Region | None = None, rows: int = 9) -> None:
        super().__init__()
        if not content.causes:
            raise CauseError("the cause explorer needs at least one cause in causes.yaml")
        self._content = content
        self._region = region
        self._causes: tuple[Cause, ...] = content.causes
        self._shown: tuple[Cause, ...] = self._causes
        self._chosen: Cause | None = None
        self._syncing = False  # True while the list's options are being replaced

        self._show = widgets.Dropdown(
            options=[(_filter_name(content, show), show.value) for show in Show],
            value=Show.ALL.value,
            description="Show",
            style=_BROWSE_LABEL,
            layout=widgets.Layout(width="100%"),
        )
        self._list = widgets.Select(
            options=self._options(self._shown),
            value=None,
            rows=rows,
            description="Causes",
            style=_BROWSE_LABEL,
            layout=widgets.Layout(width="100%"),
        )
        self._status = widgets.HTML()
        # The card takes the room left of the list, and drops below it on a narrow screen.
        self._card = widgets.HTML(layout=widgets.Layout(flex="1 1 34em", min_width="0"))
        self._first = widgets.Dropdown(
            options=self._compare_options(),
            value=None,
            description="Compare",
            style=_LABELLED,
            layout=widgets.Layout(width="auto"),
        )
        self._second = widgets.Dropdown(
            options=self._compare_options(),
            value=None,
            description="with",
            style=_LABELLED,
            layout=widgets.Layout(width="auto"),
        )
        self._comparison = widgets.HTML()
        self._card.add_class("backedu-explorer-card")
        self._status.add_class("backedu-explorer-status")
        self._comparison.add_class("backedu-explorer-comparison")

        browse = widgets.VBox(
            [self._show, self._list, self._status],
            layout=widgets.Layout(flex="0 0 25em", width="25em", margin="0 1em 0.5em 0"),
        )
        self.children = (
            widgets.HBox(
                [browse, self._card],
                layout=widgets.Layout(flex_flow="row wrap", align_items="flex-start"),
            ),
            widgets.HTML(view.compare_heading()),
            widgets.HBox([self._first, self._second], layout=widgets.Layout(flex_flow="row wrap")),
            self._comparison,
        )
        self.add_class("backedu-explorer")

        self._show.observe(self._on_show, names="value")
        self._list.observe(self._on_choose, names="value")
        self._first.observe(self._on_compare, names="value")
        self._second.observe(self._on_compare, names="value")

        # Start on the first cause: most back pain has no single cause, the lesson's main point.
        self._list.value = self._shown[0].id
        self._render_comparison()

    # ---- read-only state ------------------------------------------------------------------

    @property
    def show(self) -> Show:
        """The filter in use."""
        return Show(self._show.value)

    @property
    def shown(self) -> tuple[Cause, ...]:
        """The causes the list shows now, in content order."""
        return self._shown

    @property
    def chosen(self) -> Cause | None:
        """The cause whose card is shown (None only when the filter matches nothing)."""
        return self._chosen

    @property
    def comparing(self) -> tuple[Cause, Cause] | None:
        """The two causes side by side, or None until two different causes are picked."""
        first, second = self._first.value, self._second.value
        if first is None or second is None or first == second:
            return None
        return find_cause(self._causes, first), find_cause(self._causes, second)

    def page_texts(self) -> list[str]:
        """Everything the explorer can show: the menus, each cause's card, the line under each
        filter, and two causes side by side."""
        total = len(self._causes)
        texts = [*widget_texts(self), view.NO_CAUSES, view.CHOOSE_TWO, view.CHOOSE_DIFFERENT]
        texts += [view.explorer_status(filter_causes(self._causes, s), total, None) for s in Show]
        for cause in self._causes:
            texts.append(view.explorer_status((cause,), total, cause))
            texts.append(view.cause_card(cause, content=self._content, region=self._region))
        if total > 1:
            first, second = self._causes[:2]
            texts.append(view.comparison(first, second, content=self._content, region=self._region))
        return texts

    # ---- programmatic twins of the user's actions -----------------------------------------

    def filter_by(self, show: Show | str) -> None:
        """Pick a filter, as in the "Show" menu: ``"can-change"``, ``"rare"``, ``"myths"``..."""
        self._show.value = parse_show(show).value

    def choose(self, cause_id: str) -> None:
        """Choose a cause in the list, as a click would. It must be one the filter shows."""
        cause = find_cause(self._causes, cause_id)
        if cause not in self._shown:
            raise CauseError(
                f"cause {cause_id!r} is not in the list under the filter "
                f"{_filter_name(self._content, self.show)!r}; call filter_by('all') first"
            )
        self._list.value = cause.id

    def compare(self, first_id: str, second_id: str) -> None:
        """Put two different causes side by side, as in the two "Compare" menus."""
        first = find_cause(self._causes, first_id)
        second = find_cause(self._causes, second_id)
        if first == second:
            raise CauseError(f"compare two different causes, not {first_id!r} with itself")
        self._first.value = first.id
        self._second.value = second.id

    # ---- handlers -------------------------------------------------------------------------

    def _on_show(self, change: dict[str, Any]) -> None:
        self._shown = filter_causes(self._causes, change["new"])
        keep = self._chosen if self._chosen in self._shown else None
        # Replacing options makes the Select jump to its first item; hold that back so the
        # card changes once, to the cause we mean.
        self._syncing = True
        try:
            self._list.options = self._options(self._shown)
            self._list.value = None
        finally:
            self._syncing = False
        if keep is not None:
            self._list.value = keep.id
        elif self._shown:
            self._list.value = self._shown[0].id
        else:
            self._chosen = None
            self._render_card()

    def _on_choose(self, change: dict[str, Any]) -> None:
        if self._syncing or change["new"] is None:
            return
        self._chosen = find_cause(self._causes, change["new"])
        self._render_card()

    def _on_compare(self, change: dict[str, Any]) -> None:
        self._render_comparison()

    # ---- views ----------------------------------------------------------------------------

    def _render_card(self) -> None:
        chosen = self._chosen
        self._status.value = view.explorer_status(self._shown, len(self._causes), chosen)
        if chosen is None:
            self._card.value = view.NO_CAUSES
            return
        self._card.value = view.cause_card(
            chosen, content=self._content, region=self._region, uid="explorer"
        )

    def _render_comparison(self) -> None:
        first, second = self._first.value, self._second.value
        if first is None or second is None:
            self._comparison.value = view.CHOOSE_TWO
        elif first == second:
            self._comparison.value = view.CHOOSE_DIFFERENT
        else:
            self._comparison.value = view.comparison(
                find_cause(self._causes, first),
                find_cause(self._causes, second),
                content=self._content,
                region=self._region,
            )

    def _options(self, causes: tuple[Cause, ...]) -> list[tuple[str, str]]:
        return [(cause.name, cause.id) for cause in causes]

    def _compare_options(self) -> list[tuple[str, str | None]]:
        return [(_NOBODY, None), *((cause.name, cause.id) for cause in self._causes)]


def cause_explorer(*, region: Region | None = None) -> CauseExplorer:
    """The cause explorer over the shipped course (one call in the lesson notebook)."""
    return CauseExplorer(course(), region=region)
