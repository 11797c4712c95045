# ipxe_pins.awk: turns firmware/ipxe.lock into the C header the admin command line embeds
# (pxebridge firmware list|verify): the iPXE version and each image's name and SHA-256, so
# the sums live in the lock file only. Run by the Makefile into $(OUT)/win/gen/ipxe_pins.h.
# A lock file without a version or without an image line is an error (exit 1, no header
# worth keeping): the CLI would otherwise call every bundled image unknown.
BEGIN {
    print "/* ipxe_pins.h: generated from firmware/ipxe.lock by build/ipxe_pins.awk; do not edit."
    print " * PXB_IPXE_PINS: {image name, SHA-256} for each pinned iPXE image. */"
}
$1 == "version" { version = $2; printf "#define PXB_IPXE_VERSION \"%s\"\n", $2 }
$1 !~ /^#/ && $1 != "version" && $1 != "deb" && NF == 3 {
    if ($3 !~ /^[0-9a-f]+$/ || length($3) != 64) {
        printf "ipxe_pins.awk: %s:%d: %s has no SHA-256 (64 hex digits)\n", FILENAME, FNR, $1 > "/dev/stderr"
        bad = 1
    }
    pins = pins sprintf(" \\\n    {\"%s\", \"%s\"},", $1, $3)
}
END {
    if (version == "" || pins == "") {
        printf "ipxe_pins.awk: %s names no version or no image\n", FILENAME > "/dev/stderr"
        bad = 1
    }
    if (bad)
        exit 1
    print "#define PXB_IPXE_PINS" pins
}
