/* vdisk_report.h: what the WinPE test boot manager sees of the disk it was loaded from
 * (wimboot's virtual disk): each line "pxebridge-winpe-marker: ...". */
#ifndef WINPE_MARKER_VDISK_REPORT_H
#define WINPE_MARKER_VDISK_REPORT_H

#include <efi.h>

/* Prints how many Simple File Systems there are, then for each "root: NAME SIZE" for each
 * entry of its root folder, "root: N entries listed" (wimboot 2.9.0's lists none) and "FILE: first line: TEXT" for each injected file there
 * (winpeshl.ini, startnet.cmd, unattend.xml); "no file system (STATUS)" where there is
 * none. wimboot's virtual disk is the only one in the test's VM (no disks). IMAGE: this
 * program, which opens the protocols. */
void report_vdisk(EFI_HANDLE image);

#endif
