# ipxe_pins.awk: turns firmware/ipxe.lock into the C header the admin command line embeds
# (pxebridge firmware list|verify): the iPXE version and each image's name and SHA-256, so
# the sums live in the lock file only. Run by the Makefile into $(OUT)/win/gen/ipxe_pins.h.
BEGIN {
    print "/* ipxe_pins.h: generated from firmware/ipxe.lock by build/ipxe_pins.awk; do not edit."
    print " * PXB_IPXE_PINS: {image name, SHA-256} for each pinned iPXE image. */"
}
$1 == "version" { printf "#define PXB_IPXE_VERSION \"%s\"\n", $2 }
$1 !~ /^#/ && $1 != "version" && $1 != "deb" && NF == 3 {
    pins = pins sprintf(" \\\n    {\"%s\", \"%s\"},", $1, $3)
}
END { print "#define PXB_IPXE_PINS" pins }
