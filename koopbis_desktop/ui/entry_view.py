"""Read-only rendering of one entry: what it says, what it changes, how it got here.

A supervisor decides on an entry from this view (the review dialog embeds it),
so everything is in Turkish and in the people's formats: choice values by their
label, dates as GG.AA.YYYY, money as 1.250,50 TL, districts by name. Field labels
come from the change type's schema, so a new change type needs no code here.

What the lines say — before → after, revision differences, formatted values —
comes from :mod:`koopbis_desktop.services.entry_changes` and
:mod:`koopbis_desktop.domain.display`; this module only lays them out, so the
entry slip and ``koopbis entry show`` say the same.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from koopbis_desktop.domain.changetypes import get_type
from koopbis_desktop.domain.display import EMPTY as EMPTY
from koopbis_desktop.domain.display import cooperative_type_label as cooperative_type_label
from koopbis_desktop.domain.display import district_label as district_label
from koopbis_desktop.domain.display import format_iso_date as format_iso_date
from koopbis_desktop.domain.display import format_stamp as format_stamp
from koopbis_desktop.domain.display import format_value as format_value
from koopbis_desktop.domain.display import province_label as province_label
from koopbis_desktop.domain.display import state_label
from koopbis_desktop.domain.display import status_label as status_label
from koopbis_desktop.domain.i18n import tx
from koopbis_desktop.domain.lifecycle import ACTION_LABELS, STATE_LABELS, Action
from koopbis_desktop.domain.schema import ChangeType, Field, Kind
from koopbis_desktop.services.entry_changes import EntryDetails as EntryDetails
from koopbis_desktop.services.entry_changes import field_diffs, issue_text
from koopbis_desktop.services.entry_changes import load_entry_details as load_entry_details
from koopbis_desktop.store.entries import Entry, Revision
from koopbis_desktop.store.presence import Presence
from koopbis_desktop.ui.tables import FIT_ROWS as FIT_ROWS
from koopbis_desktop.ui.tables import escape_html as escape_html
from koopbis_desktop.ui.tables import fit_columns as fit_columns
from koopbis_desktop.ui.tables import read_only_table as read_only_table
from koopbis_desktop.ui.tables import resort as resort
from koopbis_desktop.ui.text_table import Column, TextTableModel


def group_column(f: Field) -> Column:
    """A table column showing field ``f`` of a repeating group's rows."""

    def text(row: Mapping[str, Any]) -> str:
        return format_value(f, row.get(f.name), row)

    return Column(f.label, text, align_right=f.kind in (Kind.INT, Kind.MONEY))


# ------------------------------------------------------------------ widgets


def _audit_action(action: str) -> str:
    """An audit row's action as people name it, in the current language."""
    if action == "create":
        return tx("oluşturma")
    try:
        return ACTION_LABELS[Action(action)]
    except ValueError:
        return action


class EntryView(QWidget):
    """The whole entry, read-only: header, before → after, content, revisions, audit trail."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.details: EntryDetails | None = None
        self.header = QLabel()
        self.header.setObjectName("entryHeader")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.changes_model = TextTableModel(
            [
                Column(self.tr("Ne değişiyor"), lambda c: c.what),
                Column(self.tr("Önce (KOOP-BİS kaydı)"), lambda c: c.before),
                Column(self.tr("Sonra (bu kayıtla)"), lambda c: c.after),
                Column(self.tr("Değişiklik"), lambda c: c.kind),
            ],
            highlighted=lambda c: c.changes,
        )
        self.changes_view = read_only_table(self.changes_model)
        self.changes_view.setObjectName("beforeAfterTable")
        self.changes_empty = QLabel(self.tr("Bu kayıt KOOP-BİS'teki mevcut bir bilgiyi değiştirmiyor."))
        self.changes_empty.setWordWrap(True)
        changes_page = QWidget()
        changes_layout = QVBoxLayout(changes_page)
        changes_layout.addWidget(self.changes_empty)
        changes_layout.addWidget(self.changes_view)

        self.content = QWidget()
        content_layout = QVBoxLayout(self.content)
        self.content_form = QFormLayout()
        self.content_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        content_layout.addLayout(self.content_form)
        content_layout.addStretch(1)
        content_scroll = QScrollArea()
        content_scroll.setWidgetResizable(True)
        content_scroll.setWidget(self.content)
        self.group_models: dict[str, TextTableModel] = {}

        self.revisions_model = TextTableModel(
            [
                Column(self.tr("Revizyon"), lambda r: str(r.revision), lambda r: r.revision, True),
                Column(self.tr("Yazan"), lambda r: self._person(r.author)),
                Column(self.tr("Zaman"), lambda r: format_stamp(r.created_at), lambda r: r.created_at),
                Column(self.tr("Not"), lambda r: r.note or ""),
            ]
        )
        self.revisions_view = read_only_table(self.revisions_model)
        self.revisions_view.setObjectName("revisionsTable")
        self.diff_title = QLabel()
        self.diff_model = TextTableModel(
            [
                Column(self.tr("Alan"), lambda d: d.label),
                Column(self.tr("Önceki revizyon"), lambda d: d.old),
                Column(self.tr("Bu revizyon"), lambda d: d.new),
            ],
            highlighted=lambda d: d.changed,
        )
        self.diff_view = read_only_table(self.diff_model)
        self.diff_view.setObjectName("revisionDiffTable")
        revisions_page = QSplitter(Qt.Orientation.Vertical)
        revisions_page.addWidget(self.revisions_view)
        diff_box = QWidget()
        diff_layout = QVBoxLayout(diff_box)
        diff_layout.setContentsMargins(0, 0, 0, 0)
        diff_layout.addWidget(self.diff_title)
        diff_layout.addWidget(self.diff_view)
        revisions_page.addWidget(diff_box)
        revisions_page.setSizes([120, 260])
        self.revisions_view.selectionModel().selectionChanged.connect(self.on_revisions_selection_changed)

        self.audit_model = TextTableModel(
            [
                Column(self.tr("Zaman"), lambda a: format_stamp(a["at"]), lambda a: a["seq"]),
                Column(self.tr("Kim"), lambda a: self._person(a["actor"])),
                Column(self.tr("İşlem"), lambda a: _audit_action(str(a["action"]))),
                Column(
                    self.tr("Durum"),
                    lambda a: (
                        f"{state_label(a['from_state'], EMPTY)} → {state_label(a['to_state'], EMPTY)}"
                        if a["from_state"]
                        else state_label(a["to_state"], EMPTY)
                    ),
                ),
                Column(self.tr("Açıklama"), lambda a: a["comment"] or ""),
            ]
        )
        self.audit_view = read_only_table(self.audit_model)
        self.audit_view.setObjectName("auditTable")

        self.tabs = QTabWidget()
        self.tabs.addTab(changes_page, self.tr("Ön&ce → sonra"))
        self.tabs.addTab(content_scroll, self.tr("Kayıt i&çeriği"))
        self.tabs.addTab(revisions_page, self.tr("&Revizyonlar"))
        self.tabs.addTab(self.audit_view, self.tr("İş&lem geçmişi"))

        # Someone else has the entry open in an editor (office): "düzenleniyor: ayse (PC-3)".
        self.editing_label = QLabel()
        self.editing_label.setObjectName("editingBanner")
        self.editing_label.setWordWrap(True)
        self.editing_label.setStyleSheet("background: #fff3cd; border: 1px solid #e0c060; padding: 6px;")
        self.editing_label.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.editing_label)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs, 1)

    def _person(self, username: str | None) -> str:
        return self.details.person(username) if self.details else (username or EMPTY)

    # -- filling ---------------------------------------------------------------------

    def show_details(self, details: EntryDetails) -> None:
        self.details = details
        entry = details.entry
        ctype = get_type(entry.type)
        self._fill_header(details, ctype)
        changes = details.changes
        self.changes_model.set_rows(changes)
        self.changes_empty.setVisible(not changes)
        self.changes_view.setVisible(bool(changes))
        fit_columns(self.changes_view)
        self._fill_content(ctype, entry)
        self.revisions_model.set_rows(details.revisions)
        fit_columns(self.revisions_view)
        if details.revisions:
            self.revisions_view.selectRow(len(details.revisions) - 1)
        self.audit_model.set_rows(details.audit)
        fit_columns(self.audit_view)
        self.tabs.setTabText(2, self.tr("&Revizyonlar ({0})").format(len(details.revisions)))
        self.show_editing(details.editing)

    def show_editing(self, editing: Presence | None) -> None:
        """Say who else has this entry open in an editor, and where (None: nobody)."""
        if editing is None:
            self.editing_label.hide()
            return
        self.editing_label.setText(editing.sentence)
        self.editing_label.setToolTip(
            self.tr("{0} bu kaydı {1} bilgisayarında {2} tarihinden beri açık tutuyor.").format(
                editing.username, editing.host, format_stamp(editing.since)
            )
        )
        self.editing_label.show()

    def _fill_header(self, details: EntryDetails, ctype: ChangeType) -> None:
        entry = details.entry
        coop = entry.cooperative or self.tr("yeni kuruluş")
        title = details.cooperative_title or EMPTY
        rows = [
            (self.tr("Kooperatif"), f"{escape_html(title)} ({escape_html(coop)})"),
            (self.tr("Durum"), escape_html(STATE_LABELS[entry.state])),
            (self.tr("Yazan"), escape_html(details.person(entry.author))),
            (
                self.tr("Oluşturuldu"),
                escape_html(format_stamp(entry.created_at))
                + (
                    " · "
                    + self.tr("Onaya gönderildi: {0}").format(escape_html(format_stamp(entry.submitted_at)))
                    if entry.submitted_at
                    else ""
                ),
            ),
            (self.tr("Geçerlilik tarihi"), escape_html(format_iso_date(entry.effective_date))),
        ]
        if entry.approver:
            rows.append((self.tr("Onaylayan"), escape_html(details.person(entry.approver))))
        if entry.comment:
            rows.append((self.tr("Son iade nedeni"), escape_html(entry.comment)))
        html = [
            f"<h3 style='margin:0'>{escape_html(ctype.label)} <small>· "
            + self.tr("revizyon {0}").format(entry.revision)
            + "</small></h3>"
        ]
        html.append("<table cellspacing='0' cellpadding='2'>")
        for label, value in rows:
            html.append(f"<tr><td style='color:#555'>{escape_html(label)}:</td><td>{value}</td></tr>")
        html.append("</table>")
        if entry.issues:
            items = "".join(
                f"<li style='color:{'#8a5a00' if i.get('severity') == 'warning' else '#b00020'}'>"
                f"{escape_html(issue_text(ctype, i))}</li>"
                for i in entry.issues
            )
            html.append("<b>" + self.tr("Uyarılar ve hatalar:") + f"</b><ul style='margin:0'>{items}</ul>")
        self.header.setText("".join(html))

    def _fill_content(self, ctype: ChangeType, entry: Entry) -> None:
        while self.content_form.rowCount():
            self.content_form.removeRow(0)
        self.group_models.clear()
        payload = entry.payload
        for f in ctype.fields:
            value = payload.get(f.name)
            if f.kind == Kind.GROUP:
                rows = value if isinstance(value, list) else []
                model = TextTableModel(
                    [group_column(sub) for sub in f.fields],
                    rows,
                )
                self.group_models[f.name] = model
                view = read_only_table(model, sortable=True)
                view.horizontalHeader().setStretchLastSection(False)
                fit_columns(view)
                # As tall as its rows (up to about ten), so the fields below stay in view.
                height = (
                    view.horizontalHeader().sizeHint().height()
                    + view.verticalHeader().defaultSectionSize() * max(1, min(len(rows), 10))
                    + 2 * view.frameWidth()
                    + view.horizontalScrollBar().sizeHint().height()
                )
                view.setFixedHeight(height)
                self.content_form.addRow(f"{f.label}:", view)
                continue
            label = QLabel(format_value(f, value, payload, self._province()))
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setObjectName(f"value_{f.name}")
            self.content_form.addRow(f"{f.label}:", label)

    def _province(self) -> Any:
        return self.details.province_code if self.details else None

    # -- revisions ---------------------------------------------------------------------

    def on_revisions_selection_changed(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        rows = self.revisions_view.selectionModel().selectedRows()
        if not rows or self.details is None:
            self.diff_model.set_rows([])
            self.diff_title.setText("")
            return
        revision: Revision = self.revisions_model.row_at(rows[0].row())
        ctype = get_type(self.details.entry.type)
        previous = next((r for r in self.details.revisions if r.revision == revision.revision - 1), None)
        diffs = field_diffs(
            ctype,
            previous.payload if previous else None,
            revision.payload,
            province=self.details.province_code,
        )
        self.diff_model.set_rows(diffs)
        fit_columns(self.diff_view)
        if previous is None:
            self.diff_title.setText(self.tr("Revizyon {0}: ilk yazılan hâli.").format(revision.revision))
        else:
            count = sum(1 for d in diffs if d.changed)
            self.diff_title.setText(
                self.tr("Revizyon {0}, revizyon {1} ile karşılaştırılıyor: {2} alan değişti (sarı).").format(
                    revision.revision, previous.revision, count
                )
            )

    def select_revision(self, revision: int) -> None:
        for row, rev in enumerate(self.revisions_model.rows()):
            if rev.revision == revision:
                self.revisions_view.selectRow(row)
                return
