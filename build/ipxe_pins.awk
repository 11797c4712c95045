# ipxe_pins.awk: turns a lock file (firmware/ipxe.lock, firmware/signed.lock) into the C
# header the admin command line embeds (pxebridge firmware list|verify): each image's name
# and SHA-256, and iPXE's version, so the sums live in the lock file only. Run by the
# Makefile into $(OUT)/win/gen/ipxe_pins.h, and with -v set=SIGNED into signed_pins.h
# (PXB_SIGNED_PINS). A lock file without an image line, or iPXE's without a version, is an
# error (exit 1, no header worth keeping): the CLI would otherwise call every bundled image
# unknown.
BEGIN {
    if (set == "")
        set = "IPXE"
    printf "/* %s_pins.h: generated from %s by build/ipxe_pins.awk; do not edit.\n", tolower(set), ARGV[1]
    printf " * PXB_%s_PINS: {image name, SHA-256} for each pinned image. */\n", set
}
$1 == "version" { version = $2; printf "#define PXB_%s_VERSION \"%s\"\n", set, $2 }
$1 !~ /^#/ && $1 != "version" && $1 != "deb" && NF == 3 {
    if ($3 !~ /^[0-9a-f]+$/ || length($3) != 64) {
        printf "ipxe_pins.awk: %s:%d: %s has no SHA-256 (64 hex digits)\n", FILENAME, FNR, $1 > "/dev/stderr"
        bad = 1
    }
    pins = pins sprintf(" \\\n    {\"%s\", \"%s\"},", $1, $3)
}
END {
    if ((set == "IPXE" && version == "") || pins == "") {
        printf "ipxe_pins.awk: %s names no version or no image\n", FILENAME > "/dev/stderr"
        bad = 1
    }
    if (bad)
        exit 1
    print "#define PXB_" set "_PINS" pins
}
