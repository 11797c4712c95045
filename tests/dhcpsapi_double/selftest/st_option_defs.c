/* st_option_defs.c: option definitions: R_DhcpGetOptionInfoV5 (MS-DHCPM 3.2.4.17),
 * R_DhcpCreateOptionV5 (3.2.4.15), R_DhcpRemoveOptionV5 (3.2.4.19). */
#include <wchar.h>

#include "selftest.h"

void test_option_defs(void)
{
    LPDHCP_OPTION info = NULL;
    DHCP_OPTION_DATA_ELEMENT elem = {.OptionType = DhcpStringDataOption};
    elem.Element.StringDataOption = L"";
    DHCP_OPTION def = {60, L"Vendor Class Identifier", L"", {1, &elem},
                       DhcpUnaryElementTypeOption};
    DHCP_OPTION no_default = {60, L"Vendor Class Identifier", L"", {0, NULL},
                              DhcpUnaryElementTypeOption};
    expect(api.GetOptionInfo(NULL, 0, 60, NULL, NULL, &info), PXB_ERROR_DHCP_OPTION_NOT_PRESENT,
           "3.2.4.17 option 60 is not defined on a fresh server: OPTION_NOT_PRESENT");
    expect(api.GetOptionInfo(NULL, 0, 67, NULL, NULL, &info), 0, "3.2.4.17 option 67 is");
    check(info && wcscmp(info->OptionName, L"Bootfile Name") == 0, "named Bootfile Name");
    free_option_info(info);
    expect(api.GetOptionInfo(NULL, 7, 67, NULL, NULL, &info), ERROR_INVALID_PARAMETER,
           "3.2.4.17 unknown Flags: INVALID_PARAMETER");
    expect(api.GetOptionInfo(NULL, 0, 67, L"no class", NULL, &info),
           PXB_ERROR_DHCP_CLASS_NOT_FOUND, "3.2.4.17 an unknown ClassName: CLASS_NOT_FOUND");
    expect(api.CreateOption(NULL, 0, 60, NULL, NULL, &no_default), ERROR_INVALID_PARAMETER,
           "3.2.4.15 a DefaultValue without elements: INVALID_PARAMETER");
    expect(api.CreateOption(NULL, PXB_DHCP_FLAGS_OPTION_IS_VENDOR, 60, NULL, L"no vendor", &def),
           PXB_ERROR_DHCP_CLASS_NOT_FOUND, "3.2.4.15 an unknown VendorName: CLASS_NOT_FOUND");
    expect(api.CreateOption(NULL, 0, 60, NULL, NULL, &def), 0, "3.2.4.15 define option 60");
    expect(api.CreateOption(NULL, 0, 60, NULL, NULL, &def), PXB_ERROR_DHCP_OPTION_EXISTS,
           "3.2.4.15 defining it again: OPTION_EXISTS");
    expect(api.RemoveOption(NULL, 0, 60, NULL, NULL), 0, "3.2.4.19 delete its definition");
    expect(api.RemoveOption(NULL, 0, 60, NULL, NULL), PXB_ERROR_DHCP_OPTION_NOT_PRESENT,
           "3.2.4.19 deleting it again: OPTION_NOT_PRESENT");
    expect(api.CreateOption(NULL, 0, 60, NULL, NULL, &def), 0, "define option 60 again");
}
