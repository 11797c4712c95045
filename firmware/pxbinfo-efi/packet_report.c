/* packet_report.c: prints what one cached DHCP packet says (packet_report.h). */
#include <efi.h>
#include <efilib.h>

#include "dhcp_packet.h"
#include "packet_report.h"

/* Text from the network: up to the first zero byte, bytes outside printable ASCII as '.'. */
static void text_of(CHAR8 *out, UINTN out_size, const UINT8 *data, UINTN len)
{
    UINTN n = 0;
    for (; n < len && n + 1 < out_size && data[n] != 0; n++)
        out[n] = data[n] >= ' ' && data[n] <= '~' ? data[n] : '.';
    out[n] = 0;
}

void say(const CHAR8 *text)
{
    Print(L"pxbinfo: %a\n", text);
}

static void fact(const CHAR8 *label, const CHAR8 *what, const CHAR8 *value)
{
    Print(L"pxbinfo: %a: %a %a\n", label, what, value);
}

static void fact_mac(const CHAR8 *label, const UINT8 *raw)
{
    UINTN len = raw[BOOTP_HLEN] < BOOTP_CHADDR_SIZE ? raw[BOOTP_HLEN] : BOOTP_CHADDR_SIZE;
    CHAR8 mac[3 * BOOTP_CHADDR_SIZE];
    static const CHAR8 hex[] = "0123456789abcdef";
    UINTN n = 0;

    for (UINTN i = 0; i < len; i++) {
        if (i > 0)
            mac[n++] = ':';
        mac[n++] = hex[raw[BOOTP_CHADDR + i] >> 4];
        mac[n++] = hex[raw[BOOTP_CHADDR + i] & 0x0F];
    }
    mac[n] = 0;
    fact(label, (const CHAR8 *)"client MAC", mac);
}

static void fact_ip(const CHAR8 *label, const CHAR8 *what, const UINT8 *ip)
{
    Print(L"pxbinfo: %a: %a %d.%d.%d.%d\n", label, what, ip[0], ip[1], ip[2], ip[3]);
}

static void fact_text_option(const CHAR8 *label, const CHAR8 *what, const UINT8 *raw, UINT8 code)
{
    UINT8 len;
    const UINT8 *data = dhcp_option(raw, sizeof(EFI_PXE_BASE_CODE_PACKET), code, &len);
    CHAR8 text[256];

    if (data == NULL) {
        fact(label, what, (const CHAR8 *)"(none)");
        return;
    }
    text_of(text, sizeof text, data, len);
    fact(label, what, text);
}

static void report_absent(const CHAR8 *label)
{
    Print(L"pxbinfo: %a: (none)\n", label);
}

void report_request(const CHAR8 *label, const EFI_PXE_BASE_CODE_PACKET *packet, BOOLEAN valid)
{
    const UINT8 *raw = packet->Raw;
    const CHAR8 *what_arch = (const CHAR8 *)"arch (option 93)";
    UINT8 len;
    const UINT8 *arch;

    if (!valid) {
        report_absent(label);
        return;
    }
    fact_mac(label, raw);
    arch = dhcp_option(raw, sizeof *packet, DHCP_CLIENT_ARCH, &len);
    if (arch != NULL && len >= 2)
        Print(L"pxbinfo: %a: %a %d\n", label, what_arch, (arch[0] << 8) | arch[1]);
    else
        fact(label, what_arch, (const CHAR8 *)"(none)");
    fact_text_option(label, (const CHAR8 *)"vendor class (option 60)", raw, DHCP_VENDOR_CLASS);
    fact_text_option(label, (const CHAR8 *)"user class (option 77)", raw, DHCP_USER_CLASS);
}

void report_reply(const CHAR8 *label, const EFI_PXE_BASE_CODE_PACKET *packet, BOOLEAN valid)
{
    const UINT8 *raw = packet->Raw;
    const CHAR8 *what_file = (const CHAR8 *)"boot file";

    if (!valid) {
        report_absent(label);
        return;
    }
    fact_mac(label, raw);
    fact_ip(label, (const CHAR8 *)"client IP", raw + BOOTP_YIADDR);
    fact_ip(label, (const CHAR8 *)"server", raw + BOOTP_SIADDR);
    if (raw[BOOTP_FILE] != 0) {
        CHAR8 file[BOOTP_FILE_SIZE + 1];
        text_of(file, sizeof file, raw + BOOTP_FILE, BOOTP_FILE_SIZE);
        fact(label, what_file, file);
    } else {
        fact_text_option(label, what_file, raw, DHCP_BOOT_FILE);
    }
    fact_text_option(label, (const CHAR8 *)"TFTP server (option 66)", raw, DHCP_TFTP_SERVER);
    fact_text_option(label, (const CHAR8 *)"boot file (option 67)", raw, DHCP_BOOT_FILE);
}
