# apt-source.sh - sourced by the scripts that build third-party code from Debian source packages
# (musl.sh, libfdt.sh, busybox.sh); never run on its own, never committed code of others.
#
#   . scripts/apt-source.sh
#   ensure_deb_src             apt knows a deb-src entry (adds one, then apt-get update)
#   apt_update                 apt-get update, retried (another script may hold apt's lock)
#   apt_source PKG DIR         apt-get source PKG into DIR (Debian's patches applied on
#                              extraction); one apt-get update and a retry if the first try fails
#
# An added entry is /etc/apt/sources.list.d/kestrel-deb-src.sources: the machine's own Debian
# deb822 stanzas as source stanzas, or the one-line entries turned into such stanzas, or, with
# neither, the Debian archive for the codename in /etc/os-release. Needs root or sudo then.
# Messages go to stderr, prefixed with $APT_SOURCE_WHO (the calling script's name).

APT_SOURCE_SUDO=""
[ "$(id -u)" = 0 ] || APT_SOURCE_SUDO=sudo

apt_source_log() { echo "${APT_SOURCE_WHO:-apt-source}: $*" >&2; }

has_deb_src() {
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[ -f "$f" ] && grep -Eq '^[[:space:]]*deb-src[[:space:]]' "$f" && return 0
	done
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] && grep -Eiq '^[[:space:]]*Types:.*deb-src' "$f" && return 0
	done
	return 1
}

apt_update() {
	for _ in 1 2 3 4 5 6; do
		$APT_SOURCE_SUDO apt-get update -qq >&2 && return 0
		sleep 5
	done
	return 1
}

ensure_deb_src() {
	has_deb_src && return 0
	out=/etc/apt/sources.list.d/kestrel-deb-src.sources
	tmp=$(mktemp)
	if [ -f /etc/apt/sources.list.d/debian.sources ]; then
		awk 'BEGIN { RS = ""; ORS = "\n\n" }
		     /Types:[ \t]*deb([ \t\n]|$)/ { sub(/Types:[ \t]*deb/, "Types: deb-src"); print }' \
			/etc/apt/sources.list.d/debian.sources >"$tmp"
	elif [ -f /etc/apt/sources.list ]; then
		grep -E '^[[:space:]]*deb[[:space:]]' /etc/apt/sources.list |
			sed -E 's/\[[^]]*\]//' |
			awk '{ printf "Types: deb-src\nURIs: %s\nSuites: %s\nComponents:", $2, $3;
			       for (i = 4; i <= NF; i++) printf " %s", $i; printf "\n\n" }' >"$tmp"
	fi
	if [ ! -s "$tmp" ] && [ -f /etc/os-release ]; then
		# shellcheck disable=SC1091
		codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
		[ -n "$codename" ] &&
			printf 'Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: %s\nComponents: main\n' \
				"$codename" >"$tmp"
	fi
	if [ ! -s "$tmp" ]; then
		rm -f "$tmp"
		apt_source_log "no Debian apt source found to derive a deb-src entry from"
		return 1
	fi
	apt_source_log "adding $out"
	$APT_SOURCE_SUDO install -m 0644 "$tmp" "$out"
	rm -f "$tmp"
	apt_update
}

apt_source() {
	command -v dpkg-source >/dev/null 2>&1 || {
		apt_source_log "missing dpkg-source (package dpkg-dev; run scripts/deps.sh)"
		return 1
	}
	ensure_deb_src || return 1
	mkdir -p "$2"
	(cd "$2" && apt-get source -qq "$1" >/dev/null 2>&1) && return 0
	apt_update || true
	(cd "$2" && apt-get source -qq "$1" >&2)
}
