#!/usr/bin/env python3
"""make_initrd.py INIT OUTPUT: writes the Secure Boot test's initramfs, a newc cpio archive
holding /init (the static program INIT), /dev and the /dev/console device node the kernel
opens for it. Written here so the test needs no cpio tool and no root for mknod."""
import sys

def entry(name, mode, data=b"", rdev=(0, 0), ino=[0]):
    ino[0] += 1
    fields = [ino[0], mode, 0, 0, 1, 0, len(data), 0, 0, rdev[0], rdev[1], len(name) + 1, 0]
    head = b"070701" + b"".join(b"%08X" % f for f in fields) + name.encode() + b"\0"
    head += b"\0" * (-len(head) % 4)
    return head + data + b"\0" * (-len(data) % 4)

init = open(sys.argv[1], "rb").read()
archive = (entry("dev", 0o040755) + entry("dev/console", 0o020600, rdev=(5, 1)) +
           entry("init", 0o100755, init) + entry("TRAILER!!!", 0))
archive += b"\0" * (-len(archive) % 512)
open(sys.argv[2], "wb").write(archive)
