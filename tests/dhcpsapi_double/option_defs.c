/* option_defs.c: option definitions (MS-DHCPM 3.2.4.17 R_DhcpGetOptionInfoV5, 3.2.4.15
 * R_DhcpCreateOptionV5, 3.2.4.19 R_DhcpRemoveOptionV5): a V5 value can only be set for a
 * defined option. A fresh server defines 66 and 67 but not 60, which UEFI HTTP boot needs;
 * the double keeps definitions per vendor class, not per user class. Each call makes the
 * access check first, then the Flags and class checks. */
#include <stdlib.h>

#include "exports.h"
#include "optdata.h"
#include "session.h"

/* The vendor space named by flags and vendor_name ("" = standard options). Flags: 0 or
 * DHCP_FLAGS_OPTION_IS_VENDOR with a VendorName. A ClassName must name an existing class
 * (CLASS_NOT_FOUND); an existing one is refused with INVALID_PARAMETER, as the double keeps
 * no user-class definitions. A VendorName must name an existing vendor class. */
static DWORD resolve_space(dbl_server *server, DWORD flags, const WCHAR *class_name,
                           const WCHAR *vendor_name, char **vendor)
{
    if ((flags != 0 && flags != PXB_DHCP_FLAGS_OPTION_IS_VENDOR) ||
        (flags != 0 && (!vendor_name || !*vendor_name)))
        return PXB_ERROR_INVALID_PARAMETER;
    char *user = rpc_utf8(class_name);
    const dbl_class *user_cls = user && *user ? model_find_class(server, user) : NULL;
    DWORD rc = !user ? PXB_ERROR_INVALID_PARAMETER
               : !*user ? ERROR_SUCCESS
               : user_cls ? PXB_ERROR_INVALID_PARAMETER
                          : PXB_ERROR_DHCP_CLASS_NOT_FOUND;
    free(user);
    if (rc)
        return rc;
    *vendor = rpc_utf8(flags ? vendor_name : NULL);
    if (!*vendor)
        return PXB_ERROR_INVALID_PARAMETER;
    const dbl_class *cls = model_find_class(server, *vendor);
    return !flags || (cls && cls->vendor) ? ERROR_SUCCESS : PXB_ERROR_DHCP_CLASS_NOT_FOUND;
}

static DWORD get_info(const dbl_optdef *def, LPDHCP_OPTION *out)
{
    rpc_batch batch = {0};
    LPDHCP_OPTION info = rpc_alloc(&batch, sizeof *info);
    if (info) {
        info->OptionID = def->id;
        info->OptionName = rpc_wstr(&batch, def->name);
        info->OptionComment = rpc_wstr(&batch, def->comment);
        optdata_out(&batch, &def->defval, &info->DefaultValue);
        info->OptionType = def->array ? DhcpArrayTypeOption : DhcpUnaryElementTypeOption;
    }
    DWORD rc = rpc_finish(&batch);
    if (rc == ERROR_SUCCESS)
        *out = info;
    return rc;
}

DWORD WINAPI DhcpGetOptionInfoV5(LPWSTR server_name, DWORD flags, DHCP_OPTION_ID option_id,
                                 LPWSTR class_name, LPWSTR vendor_name,
                                 LPDHCP_OPTION *option_info)
{
    session s;
    char *vendor = NULL;
    DWORD rc = session_enter(&s, server_name, CALL_READ);
    if (rc == ERROR_SUCCESS && !option_info)
        rc = PXB_ERROR_INVALID_PARAMETER;
    if (rc == ERROR_SUCCESS) {
        *option_info = NULL;
        rc = resolve_space(s.server, flags, class_name, vendor_name, &vendor);
    }
    if (rc == ERROR_SUCCESS) {
        const dbl_optdef *def = model_find_optdef(s.server, option_id, vendor);
        rc = def ? get_info(def, option_info) : PXB_ERROR_DHCP_OPTION_NOT_PRESENT;
    }
    free(vendor);
    return session_close(&s, rc);
}

/* Adds the definition; takes ownership of vendor whatever the outcome. */
static DWORD create_option(dbl_server *server, DHCP_OPTION_ID id, char *vendor,
                           const DHCP_OPTION *info)
{
    dbl_data defval = {0};
    /* DefaultValue's Elements NULL or NumElements 0 (optdata_in), then OPTION_EXISTS. */
    DWORD rc = optdata_in(&info->DefaultValue, &defval);
    if (!rc && model_find_optdef(server, id, vendor))
        rc = PXB_ERROR_DHCP_OPTION_EXISTS;
    else if (!rc && info->OptionType != DhcpUnaryElementTypeOption &&
             info->OptionType != DhcpArrayTypeOption)
        rc = PXB_ERROR_INVALID_PARAMETER;
    dbl_optdef *def = rc ? NULL
                         : model_grow((void **)&server->optdefs, &server->optdef_count,
                                      sizeof *def);
    if (!def) {
        model_data_free(&defval);
        free(vendor);
        return rc ? rc : ERROR_NOT_ENOUGH_MEMORY;
    }
    def->id = id;
    def->vendor = vendor;
    def->array = info->OptionType == DhcpArrayTypeOption;
    def->defval = defval;
    def->name = rpc_utf8(info->OptionName);
    def->comment = rpc_utf8(info->OptionComment);
    return def->name && def->comment ? ERROR_SUCCESS : PXB_ERROR_INVALID_PARAMETER;
}

DWORD WINAPI DhcpCreateOptionV5(LPWSTR server_name, DWORD flags, DHCP_OPTION_ID option_id,
                                LPWSTR class_name, LPWSTR vendor_name, LPDHCP_OPTION option_info)
{
    session s;
    char *vendor = NULL;
    DWORD rc = session_enter(&s, server_name, CALL_WRITE);
    if (rc == ERROR_SUCCESS && (!option_info || !option_info->OptionName))
        rc = PXB_ERROR_INVALID_PARAMETER;
    if (rc == ERROR_SUCCESS)
        rc = resolve_space(s.server, flags, class_name, vendor_name, &vendor);
    if (rc == ERROR_SUCCESS)
        return session_close(&s, create_option(s.server, option_id, vendor, option_info));
    free(vendor);
    return session_close(&s, rc);
}

/* Deletes the definition; values already set for the option stay (3.2.4.19 says nothing
 * of them). */
static DWORD remove_option(dbl_server *server, DHCP_OPTION_ID id, const char *vendor)
{
    dbl_optdef *def = model_find_optdef(server, id, vendor);
    if (!def)
        return PXB_ERROR_DHCP_OPTION_NOT_PRESENT;
    model_optdef_free(def);
    model_cut(server->optdefs, &server->optdef_count, sizeof *def,
              (size_t)(def - server->optdefs));
    return ERROR_SUCCESS;
}

DWORD WINAPI DhcpRemoveOptionV5(LPWSTR server_name, DWORD flags, DHCP_OPTION_ID option_id,
                                LPWSTR class_name, LPWSTR vendor_name)
{
    session s;
    char *vendor = NULL;
    DWORD rc = session_enter(&s, server_name, CALL_WRITE);
    if (rc == ERROR_SUCCESS)
        rc = resolve_space(s.server, flags, class_name, vendor_name, &vendor);
    if (rc == ERROR_SUCCESS)
        rc = remove_option(s.server, option_id, vendor);
    free(vendor);
    return session_close(&s, rc);
}
