/* vdisk_report.h: what the WinPE test boot manager sees of the disk it was loaded from
 * (wimboot's virtual disk): each line "pxebridge-winpe-marker: ...". */
#ifndef WINPE_MARKER_VDISK_REPORT_H
#define WINPE_MARKER_VDISK_REPORT_H

#include <efi.h>

/* Prints "root: NAME SIZE" for each entry of the root folder of the Simple File System on
 * IMAGE's device, then "FILE: first line: TEXT" for each injected file there
 * (winpeshl.ini, startnet.cmd, unattend.xml); "no file system (STATUS)" where there is none. */
void report_vdisk(EFI_HANDLE image);

#endif
