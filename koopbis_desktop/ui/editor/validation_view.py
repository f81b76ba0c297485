"""How the entry editor shows validation beside each field, table cell and in the summary.

Also the current snapshot value under a field and whether Submit is allowed now.
"""

from __future__ import annotations

import re
from typing import Any

from koopbis_desktop.domain import reference
from koopbis_desktop.domain import validators as v
from koopbis_desktop.domain.fiscal import fiscal_start_month
from koopbis_desktop.domain.i18n import tx
from koopbis_desktop.domain.records import base_value
from koopbis_desktop.domain.schema import (
    ChangeType,
    Field,
    Issue,
    Kind,
    Severity,
    ValidationContext,
    ValidationResult,
    validate,
)
from koopbis_desktop.ui.editor.base import EditorBase
from koopbis_desktop.ui.editor.group_table import GroupField
from koopbis_desktop.ui.editor.rows import ERROR_COLOUR, OK_COLOUR, WARNING_COLOUR
from sync.settle import refusal_messages

_ID_KINDS = (Kind.TCKN, Kind.VKN, Kind.TCKN_OR_VKN, Kind.MERSIS)


class ValidationDisplay(EditorBase):
    """Runs the schema's validator on the form and shows its issues beside the fields."""

    def revalidate(self) -> None:
        if self.ctype is None:
            return
        raw = self.raw_form()
        founded_on = (self.record or {}).get("founded_on") if not self.ctype.registers else None
        fiscal_start = fiscal_start_month((self.record or {}).get("articles")) or 1
        result = validate(
            self.ctype, raw, ValidationContext(founded_on=founded_on, fiscal_start_month=fiscal_start)
        )
        self.validation = result
        shown = [issue for issue in result.issues if self.is_revealed(issue.path)]
        shown += self._saved_issues(result)
        by_path: dict[str, list[Issue]] = {}
        for issue in shown:
            by_path.setdefault(issue.path, []).append(issue)
        for issue in self._koopbis_refusal(result):
            by_path.setdefault(issue.path, []).append(issue)
        general: list[Issue] = []
        used: set[str] = set()
        for name, row in self.rows.items():
            own = by_path.get(name, [])
            used.add(name)
            ok_text = ""
            if row.field.kind in _ID_KINDS and name in raw and not own and self.is_revealed(name):
                ok_text = self.tr("Geçerli")
            if isinstance(row.widget, GroupField):
                cells: dict[tuple[int, str], tuple[Severity, str]] = {}
                cell_issues: list[Issue] = []
                for path, issues in by_path.items():
                    if path.startswith(f"{name}["):
                        used.add(path)
                        index_text, _, column = path[len(name) + 1 :].partition("].")
                        if index_text.isdigit():
                            worst = min(issues, key=lambda i: i.severity != Severity.ERROR)
                            cells[(int(index_text), column)] = (
                                worst.severity,
                                "\n".join(i.text for i in issues),
                            )
                            cell_issues.extend(issues)
                row.widget.show_cell_issues(cells)
                summary = list(own)
                if cell_issues:
                    errors = sum(1 for i in cell_issues if i.severity == Severity.ERROR)
                    if errors:
                        summary.append(
                            Issue(
                                name,
                                self.tr(
                                    "Tabloda {0} hücre hatalı; hücreye gelince nedeni tablonun altında yazar."
                                ).format(errors),
                            )
                        )
                row.show_issues(summary)
            else:
                row.show_issues(own, ok_text)
            if row.field.required_when is not None:
                other, wanted = row.field.required_when
                row.set_required(str(raw.get(other, "")).strip() in wanted)
        for path, issues in by_path.items():
            if path not in used:
                general.extend(issues)
        self._show_current_values(result)
        self._show_summary(shown, general)
        self._update_buttons()

    def _koopbis_refusal(self, result: ValidationResult) -> list[Issue]:
        """KOOP-BİS's per-field messages of a refused entry, beside their fields until the value changes.

        Shown as errors are, but they do not block Submit: KOOP-BİS judges the fix
        when the entry is sent again.
        """
        entry = self.entry
        if entry is None:
            return []
        # Compared with what KOOP-BİS refused, not with the last save: a correction saved as a
        # draft is still a correction.
        refused = self.refused_payload if self.refused_payload is not None else entry.payload
        issues = []
        for path, _label, message in refusal_messages(entry):
            name = path.split("[", 1)[0].split(".", 1)[0]
            if name in self.rows and result.payload.get(name) != refused.get(name):
                continue  # the clerk changed the field: the message was about the old value
            issues.append(Issue(path, self.tr("KOOP-BİS reddetti: {0}").format(message)))
        return issues

    def _saved_issues(self, result: ValidationResult) -> list[Issue]:
        """What the database's check found on the saved entry that the form's own check cannot
        see (an articles-amendment entry that is not this cooperative's), beside its field until
        the field changes: Submit refused the entry for it, and the clerk must see where."""
        entry = self.entry
        if entry is None or self.ctype is None:
            return []
        own = {(i.path, i.message) for i in result.issues}
        found = []
        for item in entry.issues:
            path, message = str(item.get("field") or ""), str(item.get("message") or "")
            if not message or (path, message) in own:
                continue
            name = path.split("[", 1)[0].split(".", 1)[0]
            if name in self.rows and result.payload.get(name) != entry.payload.get(name):
                continue  # changed since: the finding was about the old value
            severity = Severity.WARNING if item.get("severity") == Severity.WARNING.value else Severity.ERROR
            found.append(Issue(path, message, severity, item.get("article")))
        return found

    def is_revealed(self, path: str) -> bool:
        """Are this issue's field's messages shown yet (left once, or after the first submit attempt)?"""
        if self.reveal_all:
            return True
        name = path.split("[", 1)[0].split(".", 1)[0]
        if name in self.rows:
            return name in self.revealed
        return bool(self.revealed)  # a form-wide issue shows once the clerk has worked on the form

    def reveal_everything(self) -> None:
        """The first submit attempt: show every issue at once and put the cursor on the first."""
        self.reveal_all = True
        self.validate_timer.stop()
        self.revalidate()
        if self.validation is None:
            return
        for issue in self.validation.errors:
            name = issue.path.split("[", 1)[0].split(".", 1)[0]
            if name in self.rows:
                target = self.rows[name].widget.focus_target()
                self.scroll_area.ensureWidgetVisible(self.rows[name].box)
                target.setFocus()
                return

    def _show_current_values(self, result: ValidationResult) -> None:
        for name, row in self.rows.items():
            f = row.field
            if f.snapshot is None or self.record is None:
                row.current.hide()
                continue
            if "{}" in f.snapshot:
                value = result.payload.get(name)
                if not value or any(i.path == name and i.severity == Severity.ERROR for i in result.issues):
                    row.current.hide()
                    continue
                current = base_value(self.record, f.snapshot.format(value))
                if current is None:
                    text = self.tr("Şu anki: çevrimdışı listede kayıtlı değil")
                else:
                    text = self.tr("Şu anki: kayıtlı — {0}").format(_describe(current, self.ctype))
            else:
                current = base_value(self.record, f.snapshot)
                text = self.tr("Şu anki: {0}").format(_describe_scalar(f, current, self.record))
            row.current.setText(text)
            row.current.show()

    def _show_summary(self, shown: list[Issue], general: list[Issue]) -> None:
        errors = sum(1 for i in shown if i.severity == Severity.ERROR)
        warnings = len(shown) - errors
        hidden = self.validation is not None and len(self.validation.errors) > errors
        lines: list[str] = []
        if errors or warnings:
            counts = []
            if errors:
                counts.append(self.tr("{0} hata").format(errors))
            if warnings:
                counts.append(self.tr("{0} uyarı (1163 s.K.)").format(warnings))
            lines.append(", ".join(counts) + ".")
        elif hidden:
            lines.append(self.tr("Yıldızlı (*) alanlar zorunludur; denetim alandan çıkınca görünür."))
        elif self.read_only:  # sent, approved, someone else's: nothing to offer beside a greyed button
            lines.append(self.tr("Form geçerli."))
        else:
            lines.append(self.tr("Form geçerli; onaya gönderilebilir."))
        for issue in general:
            mark = "✗" if issue.severity == Severity.ERROR else "⚠"
            lines.append(f"{mark} {issue.text}")
        colour = (
            ERROR_COLOUR if errors else (WARNING_COLOUR if warnings else ("#455a64" if hidden else OK_COLOUR))
        )
        self.summary.setStyleSheet(f"color: {colour}; font-weight: 600;")
        self.summary.setText("\n".join(lines))

    def submit_blocker(self) -> str:
        """Why the entry cannot be sent for approval now ("" when it can)."""
        if self.ctype is None:
            return self.tr("Form yükleniyor.")
        if self.read_only:
            return self.read_only_reason
        if not self.ctype.registers and not self.cooperative:
            return self.tr("Önce kooperatifi seçin.")
        errors = len(self.validation.errors) if self.validation else 0
        if errors:
            return self.tr("{0} hata düzeltilmeden onaya gönderilemez.").format(errors)
        return ""

    def _blocker_besides_errors(self) -> str:
        if self.ctype is None:
            return self.tr("Form yükleniyor.")
        if self.read_only:
            return self.read_only_reason
        if not self.ctype.registers and not self.cooperative:
            return self.tr("Önce kooperatifi seçin.")
        return ""

    def _update_buttons(self) -> None:
        blocker = self.submit_blocker()
        shown_errors = sum(
            1 for i in (self.validation.errors if self.validation else []) if self.is_revealed(i.path)
        )
        if blocker and not shown_errors and self.validation is not None and self.validation.errors:
            # Errors nobody has seen yet: Submit stays clickable and shows them all.
            other = self._blocker_besides_errors()
            blocker = other
        self.submit_button.setEnabled(not blocker and not self.busy)
        self.submit_button.setToolTip(blocker or self.tr("Kaydedip şefin onayına gönderir."))
        self.save_button.setEnabled(not self.read_only and not self.busy and self.ctype is not None)
        if not self.read_only:
            self.save_button.setToolTip(self.tr("Hatalar olsa da taslak olarak kaydeder."))
        self._update_withdraw_button()
        self._update_copy_button()

    def _update_status(self) -> None:
        if self._autosave_failures:
            return  # the line says the copy could not be written; it is not "otomatik yedekleniyor"
        if self.is_dirty():
            self.status.setText(self.tr("Kaydedilmemiş değişiklikler var (otomatik yedekleniyor)."))


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _describe(value: Any, ctype: ChangeType | None = None) -> str:
    """A register row (an assembly, a member) as the clerk reads it: dates as GG.AA.YYYY and
    choices by their labels (olağan, yapıldı), not the stored codes (2014-03-16, olagan, yapildi)."""
    if isinstance(value, dict):
        choices = {f.name: f for f in (ctype.fields if ctype is not None else ()) if f.choices}
        parts = []
        for key, x in value.items():
            if x in (None, ""):
                continue
            if isinstance(x, str) and _ISO_DATE.fullmatch(x):
                parts.append(v.format_date(x))
            elif key in choices:
                parts.append(choices[key].choice_label(x))
            else:
                parts.append(str(x))
        return ", ".join(parts)
    if isinstance(value, list):
        return str(len(value))
    return "" if value is None else str(value)


def _describe_scalar(f: Field, value: Any, record: dict[str, Any]) -> str:
    if value in (None, "", []):
        return "—"
    if isinstance(value, list):
        names = [str(r.get("full_name") or r.get("article_no") or "") for r in value if isinstance(r, dict)]
        return tx("{n} satır").format(n=len(value)) + (
            f" ({', '.join(n for n in names if n)})" if names else ""
        )
    if f.kind == Kind.PROVINCE:
        province = reference.find_province(value)
        return province.name if province else str(value)
    if f.kind == Kind.DISTRICT:
        return reference.district_name(str(record.get("province_code") or ""), str(value))
    if f.kind == Kind.MONEY:
        try:
            return v.format_money(v.parse_money(value))
        except v.FieldError:
            return str(value)
    if f.kind == Kind.DATE and isinstance(value, str) and _ISO_DATE.fullmatch(value):
        return v.format_date(value)
    if f.kind == Kind.PHONE:
        text = str(value)
        return f"0{text[:3]} {text[3:6]} {text[6:8]} {text[8:]}" if len(text) == 10 else text
    return str(value)
