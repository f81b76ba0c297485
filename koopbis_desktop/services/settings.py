"""Settings declared once, with type, default and a Turkish description, read through typed access.

Values live in the database's ``settings`` table (so the desktop and the CLI of one
province share them). The KOOP-BİS password is never a setting: it goes to the OS
keyring only.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from koopbis_desktop.domain.i18n import text, tx
from koopbis_desktop.domain.lifecycle import Actor, NotPermitted, Role
from koopbis_desktop.domain.validators import FieldError, parse_date, parse_int
from koopbis_desktop.store import audit
from koopbis_desktop.store.acting import require_active
from koopbis_desktop.store.db import Store, take_settings_turn


@dataclass(frozen=True)
class Setting:
    """A setting the administrator can change: its key, kind, default and Turkish label."""

    key: str
    kind: str  # "date", "int", "text", "url", "choice"
    default: str
    label: str
    description: str
    minimum: int | None = None
    maximum: int | None = None
    choices: tuple[str, ...] = ()
    choice_labels: tuple[str, ...] = ()  # as the settings page shows each choice, same order


def shown(spec: Setting) -> Setting:
    """``spec`` as the settings page shows it: label, description and choices in the current language."""
    key = f"setting.{spec.key}"
    return replace(
        spec,
        label=text(f"{key}.label", spec.label),
        description=text(f"{key}.description", spec.description),
        choice_labels=tuple(
            text(f"{key}.choice.{value}", label)
            for value, label in zip(spec.choices, spec.choice_labels, strict=False)
        ),
    )


def setting_texts() -> dict[str, str]:
    """Catalogue id → Turkish of every setting's label, description and choice (the i18n test reads it)."""
    out: dict[str, str] = {}
    for spec in SETTINGS:
        key = f"setting.{spec.key}"
        out[f"{key}.label"] = spec.label
        out[f"{key}.description"] = spec.description
        for value, label in zip(spec.choices, spec.choice_labels, strict=False):
            out[f"{key}.choice.{value}"] = label
    return out


# The ministry the provincial trade directorates belonged to in 2015 (circular 2015/1).
DEFAULT_MINISTRY = "T.C. GÜMRÜK VE TİCARET BAKANLIĞI"

SETTINGS: tuple[Setting, ...] = (
    Setting(
        "go_live",
        "date",
        "2015-03-12",
        "KOOP-BİS açılış tarihi",
        "Bu tarihten sonra onaylanan kayıtlar KOOP-BİS'e aktarılır; o güne kadar yerelde saklanır.",
    ),
    Setting(
        "server_url",
        "url",
        "http://127.0.0.1:8765",
        "KOOP-BİS sunucu adresi",
        "Eşitleme yapılacak KOOP-BİS adresi. Eğitim sunucusu için http://127.0.0.1:8765.",
    ),
    Setting(
        "server_username",
        "text",
        "egitim",
        "KOOP-BİS kullanıcı adı",
        "Eşitlemede kullanılacak KOOP-BİS hesabı.",
    ),
    Setting(
        "sync_auto_roles",
        "choice",
        "supervisor,admin",
        "Otomatik eşitlemeyi başlatan roller",
        "Bu rollerden biriyle oturum açılınca eşitleme arka planda kendiliğinden çalışır (hangi sayfa açık "
        "olursa olsun, pencere simge durumundayken de). none: yalnızca elle ya da zamanlanmış görevle.",
        choices=("supervisor,admin", "supervisor", "admin", "clerk,supervisor,admin", "none"),
    ),
    Setting(
        "idle_lock_minutes",
        "int",
        "10",
        "Boşta kilitleme (dakika)",
        "Bu kadar dakika işlem yapılmazsa ekran kilitlenir ve parola sorulur. 0: kilitleme yok.",
        minimum=0,
        maximum=240,
    ),
    Setting(
        "backup_dir",
        "text",
        "",
        "Yedek klasörü",
        "Boş bırakılırsa veritabanının yanındaki 'backups' klasörü.",
    ),
    Setting(
        "backup_keep",
        "int",
        "10",
        "Saklanacak yedek sayısı",
        "En yeni bu kadar yedek tutulur.",
        minimum=1,
        maximum=1000,
    ),
    Setting(
        "ministry_name",
        "text",
        DEFAULT_MINISTRY,
        "Bakanlık adı (çıktı başlığı)",
        "Her çıktının başındaki Bakanlık adı; il müdürlüğünün adı ondan sonra gelir. "
        "Bakanlığın adı değişirse buradan güncellenir.",
    ),
    Setting(
        "language",
        "choice",
        "tr",
        "Arayüz dili",
        "Türkçe ya da İngilizce; yeniden başlatınca geçerli olur.",
        choices=("tr", "en"),
    ),
    Setting(
        "csv_export_encoding",
        "choice",
        "utf-8-sig",
        "CSV dışa aktarma kodlaması",
        "Dışa aktarılan CSV dosyalarının kodlaması (alanlar ';' ile ayrılır). 'Excel 2010 uyumlu': "
        "Türkçe Excel 2007/2010'un çift tıklayınca doğru açtığı Windows-1254; bu kodlamada olmayan "
        "karakterler '?' olarak yazılır ve uyarılır. 'UTF-8 (BOM'lu)': Excel 2016 ve sonrası, LibreOffice.",
        choices=("utf-8-sig", "cp1254"),
        choice_labels=("UTF-8 (BOM'lu)", "Excel 2010 uyumlu (Windows-1254)"),
    ),
)
_BY_KEY = {s.key: s for s in SETTINGS}


def definition(key: str) -> Setting:
    return _BY_KEY[key]


def get(store: Store, key: str) -> str:
    spec = _BY_KEY[key]
    value = store.setting(key)
    return spec.default if value is None else value


def go_live(store: Store) -> date:
    return date.fromisoformat(get(store, "go_live"))


def auto_sync_roles(values: dict[str, str]) -> frozenset[str]:
    """The roles whose sign-in starts the automatic sync (from loaded setting values)."""
    text = values.get("sync_auto_roles") or definition("sync_auto_roles").default
    return frozenset(part.strip() for part in text.split(",") if part.strip() and part.strip() != "none")


def idle_lock_minutes(store: Store) -> int:
    return int(get(store, "idle_lock_minutes"))


def ministry_name(store: Store) -> str:
    """The ministry that heads every printout (``ministry_name``; the 2015 name by default)."""
    return get(store, "ministry_name").strip() or DEFAULT_MINISTRY


def province_code(store: Store) -> str | None:
    return store.setting("province_code")


def parse(key: str, value: Any) -> str:
    """Validate a setting's new value; returns its stored text or raises FieldError."""
    spec = _BY_KEY[key]
    text = str(value if value is not None else "").strip()
    if spec.kind == "date":
        return parse_date(text, allow_future=True)
    if spec.kind == "int":
        return str(parse_int(text, minimum=spec.minimum, maximum=spec.maximum))
    if spec.kind == "url":
        if not (text.startswith("https://") or text.startswith("http://")) or " " in text:
            raise FieldError(
                tx("Adres http:// ya da https:// ile başlamalıdır, örneğin https://koopbis.ticaret.gov.tr")
            )
        return text.rstrip("/")
    if spec.kind == "choice":
        if text not in spec.choices:
            raise FieldError(tx("Geçerli değerler: {v}").format(v=", ".join(spec.choices)))
        return text
    return text


def update(store: Store, actor: Actor, values: dict[str, Any]) -> dict[str, str]:
    """Change settings (supervisor or admin), audited; all or nothing."""
    if actor.role not in (Role.ADMIN, Role.SUPERVISOR):
        raise NotPermitted(tx("Ayarları yalnızca yönetici ya da şef değiştirebilir."))
    parsed = {key: parse(key, value) for key, value in values.items()}
    with store.atomic() as conn:
        require_active(conn, actor)
        take_settings_turn(conn)
        for key, value in parsed.items():
            old = store.setting(key)
            if old == value:
                continue
            store.set_setting(key, value)
            audit.append(
                conn, actor=actor.username, action="setting", details={"key": key, "old": old, "new": value}
            )
    return parsed
