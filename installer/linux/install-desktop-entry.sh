#!/bin/sh
# Puts KOOP-BİS Masaüstü into the current user's application menu (no root needed).
#   ./install-desktop-entry.sh           add (or refresh after moving the folder)
#   ./install-desktop-entry.sh --remove  take it out again (the data folder is not touched)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
share="${XDG_DATA_HOME:-$HOME/.local/share}"
entry="$share/applications/koopbis-desktop.desktop"
icon="$share/icons/hicolor/256x256/apps/koopbis-desktop.png"

if [ "${1:-}" = "--remove" ]; then
    rm -f "$entry" "$icon"
    echo "Masaüstü girdisi kaldırıldı: $entry"
    exit 0
fi

mkdir -p "$share/applications" "$(dirname "$icon")"
cp "$here/koopbis.png" "$icon"
sed -e "s|^Exec=.*|Exec=\"$here/koopbis-desktop\"|" \
    -e "s|^TryExec=.*|TryExec=$here/koopbis-desktop|" \
    -e "s|^Icon=.*|Icon=$icon|" \
    "$here/koopbis-desktop.desktop" > "$entry"
chmod 644 "$entry"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$share/applications" || true
echo "Masaüstü girdisi eklendi: $entry"
