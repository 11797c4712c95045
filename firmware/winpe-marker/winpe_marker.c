/* winpe_marker.c: the test boot manager of the WinPE boot test (tests/e2e/winpe.sh), built
 * as winpe-marker.efi and put in the test's WIM as Windows\Boot\EFI\bootmgfw.efi, where
 * wimboot finds Windows' boot manager. It prints the marker line, then what it sees of the
 * virtual disk wimboot gives it (the root folder of each Simple File System, wimboot's the
 * only one in the test's VM, and the first line of each injected file), waits about 5 s and
 * returns. Unsigned: Secure Boot firmware refuses it, which the Secure Boot run expects. */
#include <efi.h>
#include <efilib.h>

#include "vdisk_report.h"

#define WAIT_MICROSECONDS (5 * 1000 * 1000)

/* Called by gnu-efi's crt0 (System V convention). */
EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *system_table);

EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *system_table)
{
    InitializeLib(image, system_table);
    Print(L"pxebridge-winpe-marker: boot manager started\n");
    report_vdisk(image);
    Print(L"pxebridge-winpe-marker: done, returning in 5 seconds\n");
    BS->Stall(WAIT_MICROSECONDS);
    return EFI_SUCCESS;
}
