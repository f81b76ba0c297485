#!/bin/sh
# Schedules an unattended "koopbis sync --once" every 15 minutes for the current user
# (a systemd user timer; no root needed), for offices where nobody keeps the desktop open.
#   ./install-sync-timer.sh           install (or refresh after moving the folder) and start
#   ./install-sync-timer.sh --remove  stop and remove the timer (the data is not touched)
# The run needs the KOOP-BİS password: save it in the desktop program (keyring), or put
# KOOPBIS_SERVER_PASSWORD=... into ~/.config/koopbis-desktop/sync.env (chmod 600).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
units="${XDG_CONFIG_HOME:-$HOME/.config}/systemd/user"

if [ "${1:-}" = "--remove" ]; then
    systemctl --user disable --now koopbis-sync.timer 2>/dev/null || true
    rm -f "$units/koopbis-sync.timer" "$units/koopbis-sync.service"
    systemctl --user daemon-reload 2>/dev/null || true
    echo "Zamanlanmış eşitleme kaldırıldı."
    exit 0
fi

mkdir -p "$units"
sed -e "s|@PROGRAM_DIR@|$here|" "$here/koopbis-sync.service" > "$units/koopbis-sync.service"
cp "$here/koopbis-sync.timer" "$units/koopbis-sync.timer"
chmod 644 "$units/koopbis-sync.service" "$units/koopbis-sync.timer"
systemctl --user daemon-reload
systemctl --user enable --now koopbis-sync.timer
echo "Zamanlanmış eşitleme kuruldu (15 dakikada bir): systemctl --user list-timers koopbis-sync.timer"
