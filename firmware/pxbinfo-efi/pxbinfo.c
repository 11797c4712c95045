/* pxbinfo.c: pxbinfo for UEFI (pxbinfo.efi), a network boot program that shows what the
 * network boot gave this client (the DHCP packets EFI_PXE_BASE_CODE_PROTOCOL kept on the
 * device it was loaded from) on the console, waits about 5 seconds, then returns to the
 * boot manager so it boots the next boot option (docs/boot-images.md). */
#include <efi.h>
#include <efilib.h>

#include "packet_report.h"

#define WAIT_MICROSECONDS (5 * 1000 * 1000)

/* The PXE Base Code protocol of the device this image was loaded from, or NULL. */
static EFI_PXE_BASE_CODE_PROTOCOL *boot_device_pxe(EFI_HANDLE image, EFI_STATUS *status)
{
    EFI_LOADED_IMAGE *loaded;
    EFI_PXE_BASE_CODE_PROTOCOL *pxe;

    *status = BS->OpenProtocol(image, &LoadedImageProtocol, (void **)&loaded, image, NULL,
                               EFI_OPEN_PROTOCOL_GET_PROTOCOL);
    if (EFI_ERROR(*status))
        return NULL;
    *status = BS->OpenProtocol(loaded->DeviceHandle, &PxeBaseCodeProtocol, (void **)&pxe,
                               image, NULL, EFI_OPEN_PROTOCOL_GET_PROTOCOL);
    return EFI_ERROR(*status) ? NULL : pxe;
}

/* Called by gnu-efi's crt0 (System V convention). */
EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *system_table);

EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *system_table)
{
    EFI_STATUS status;
    EFI_PXE_BASE_CODE_PROTOCOL *pxe;

    InitializeLib(image, system_table);
    say((const CHAR8 *)"PXE boot information (UEFI)");
    pxe = boot_device_pxe(image, &status);
    if (pxe == NULL) {
        Print(L"pxbinfo: no PXE Base Code protocol on the boot device (%r)\n", status);
    } else {
        EFI_PXE_BASE_CODE_MODE *mode = pxe->Mode;
        report_request((const CHAR8 *)"DHCPDISCOVER", &mode->DhcpDiscover, mode->DhcpDiscoverValid);
        report_reply((const CHAR8 *)"DHCPACK", &mode->DhcpAck, mode->DhcpAckReceived);
        report_reply((const CHAR8 *)"proxy reply", &mode->ProxyOffer, mode->ProxyOfferReceived);
    }
    say((const CHAR8 *)"waiting 5 seconds");
    BS->Stall(WAIT_MICROSECONDS);
    say((const CHAR8 *)"returning to the firmware for the next boot device");
    /* Any status returns to the boot manager; EFI_SUCCESS would make it stop at its menu
     * (UEFI spec, Boot Manager), an error makes it go on to the next Boot#### option. */
    return EFI_NOT_FOUND;
}
