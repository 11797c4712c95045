/* classes.c: user and vendor classes: R_DhcpCreateClass (MS-DHCPM 3.2.4.25), R_DhcpDeleteClass
 * (3.2.4.27, with its cascade over option definitions, policies and option values) and
 * R_DhcpEnumClasses (3.2.4.29, paged by the caller's byte budget). */
#include <stdlib.h>
#include <string.h>

#include "exports.h"
#include "paging.h"
#include "policy.h"
#include "rpcmem.h"
#include "session.h"

/* What one class costs of the caller's PreferredMaximum, in bytes. */
static size_t class_size(const void *items, size_t at)
{
    const dbl_class *cls = &((const dbl_class *)items)[at];
    return sizeof(DHCP_CLASS_INFO) + (strlen(cls->name) + strlen(cls->comment) + 2) * 2 +
           cls->data.len;
}

static void class_out(rpc_batch *batch, const dbl_class *cls, DHCP_CLASS_INFO *info)
{
    info->ClassName = rpc_wstr(batch, cls->name);
    info->ClassComment = rpc_wstr(batch, cls->comment);
    info->ClassDataLength = (DWORD)cls->data.len;
    info->IsVendor = cls->vendor;
    info->Flags = cls->flags;
    info->ClassData = rpc_bytes(batch, &cls->data);
}

static DWORD enum_classes(dbl_server *server, DHCP_RESUME_HANDLE *resume, DWORD pref_max,
                          LPDHCP_CLASS_INFO_ARRAY *classes, DWORD *read, DWORD *total)
{
    rpc_batch batch = {0};
    /* 3.2.4.29: as many entries as fit in PreferredMaximum bytes (possibly none). */
    size_t fitting = paging_fit(server->classes, *resume, server->class_count, pref_max,
                                class_size);
    page window = paging_window(server, resume, server->class_count, fitting, PAGE_CLASSES);
    LPDHCP_CLASS_INFO_ARRAY array = window.count ? rpc_alloc(&batch, sizeof *array) : NULL;
    LPDHCP_CLASS_INFO infos = array ? rpc_alloc(&batch, window.count * sizeof *infos) : NULL;
    for (size_t i = 0; infos && i < window.count; i++)
        class_out(&batch, &server->classes[window.first + i], &infos[i]);
    if (array)
        *array = (DHCP_CLASS_INFO_ARRAY){(DWORD)window.count, infos};
    DWORD rc = paging_finish(&batch, &window, read, total);
    if (window.count && (rc == ERROR_SUCCESS || rc == PXB_ERROR_MORE_DATA))
        *classes = array;
    return rc;
}

DWORD WINAPI DhcpEnumClasses(LPWSTR server_name, DWORD reserved, DHCP_RESUME_HANDLE *resume,
                             DWORD pref_max, LPDHCP_CLASS_INFO_ARRAY *classes, DWORD *read,
                             DWORD *total)
{
    session s;
    DWORD rc = session_open(&s, server_name, CALL_READ);
    /* 3.2.4.29: "If ClassInfoArray, ResumeHandle, nRead, and nTotal are NULL": strictest
     * reading, any of them; ReservedMustBeZero not zero likewise. */
    if (rc == ERROR_SUCCESS && (!resume || !classes || !read || !total || reserved))
        rc = PXB_ERROR_INVALID_PARAMETER;
    if (rc == ERROR_SUCCESS) {
        *classes = NULL;
        *read = *total = 0;
        rc = session_authorize(&s);
    }
    if (rc == ERROR_SUCCESS)
        rc = enum_classes(s.server, resume, pref_max, classes, read, total);
    return session_close(&s, rc);
}

static DWORD create_class(dbl_server *server, const DHCP_CLASS_INFO *info)
{
    dbl_bytes data = {info->ClassData, info->ClassDataLength};
    char *name = rpc_utf8(info->ClassName);
    char *comment = rpc_utf8(info->ClassComment);
    DWORD rc = ERROR_NOT_ENOUGH_MEMORY;
    if (!name || !comment)
        goto out;
    /* 3.2.4.25: the same ClassName and IsVendor (strictest reading: the same name of either
     * kind, compared ignoring case), or the same ClassData of any class. */
    rc = PXB_ERROR_DHCP_CLASS_ALREADY_EXISTS;
    if (model_find_class(server, name) || model_find_class_data(server, 0, &data) ||
        model_find_class_data(server, 1, &data))
        goto out;
    rc = ERROR_NOT_ENOUGH_MEMORY;
    dbl_class *cls = model_grow((void **)&server->classes, &server->class_count, sizeof *cls);
    if (!cls || model_bytes_set(&cls->data, data.data, data.len))
        goto out;
    cls->name = name;
    cls->comment = comment;
    cls->vendor = info->IsVendor != 0;
    cls->flags = info->Flags;
    return ERROR_SUCCESS;
out:
    free(name);
    free(comment);
    return rc;
}

DWORD WINAPI DhcpCreateClass(LPWSTR server_name, DWORD reserved, LPDHCP_CLASS_INFO info)
{
    session s;
    DWORD rc = session_open(&s, server_name, CALL_WRITE);
    /* 3.2.4.25: ClassName or ClassData NULL, ClassDataLength outside 1..255 (an empty name
     * and a non-zero ReservedMustBeZero too, strictest reading). */
    if (rc == ERROR_SUCCESS &&
        (reserved || !info || !info->ClassName || !*info->ClassName || !info->ClassData ||
         info->ClassDataLength == 0 || info->ClassDataLength > PXB_DHCP_CLASS_DATA_MAX))
        rc = PXB_ERROR_INVALID_PARAMETER;
    if (rc == ERROR_SUCCESS)
        rc = session_authorize(&s);
    if (rc == ERROR_SUCCESS)
        rc = create_class(s.server, info);
    return session_close(&s, rc);
}

/* 3.2.4.27's cascade: the class's option definitions, the policies whose ClassName it is
 * (through R_DhcpV4DeletePolicy, so with their option values), and its option values. */
static void delete_class_uses(dbl_server *server, const char *name)
{
    for (size_t i = server->optdef_count; i-- > 0;) {
        if (model_name_eq(server->optdefs[i].vendor, name)) {
            model_optdef_free(&server->optdefs[i]);
            model_cut(server->optdefs, &server->optdef_count, sizeof *server->optdefs, i);
        }
    }
    for (size_t i = server->policy_count; i-- > 0;) {
        if (*server->policies[i].class_name &&
            model_name_eq(server->policies[i].class_name, name))
            policy_remove(server, &server->policies[i]);
    }
    for (size_t i = server->value_count; i-- > 0;) {
        dbl_value *value = &server->values[i];
        if (model_name_eq(value->user_class, name) || model_name_eq(value->vendor, name)) {
            model_value_free(value);
            model_cut(server->values, &server->value_count, sizeof *value, i);
        }
    }
}

static DWORD delete_class(dbl_server *server, const WCHAR *class_name)
{
    char *name = rpc_utf8(class_name);
    if (!name)
        return PXB_ERROR_INVALID_PARAMETER;
    dbl_class *cls = model_find_class(server, name);
    DWORD rc = !cls           ? PXB_ERROR_DHCP_CLASS_NOT_FOUND
               : cls->builtin ? PXB_ERROR_DHCP_DELETE_BUILTIN_CLASS
                              : ERROR_SUCCESS;
    if (rc == ERROR_SUCCESS) {
        model_class_free(cls);
        model_cut(server->classes, &server->class_count, sizeof *cls,
                  (size_t)(cls - server->classes));
        delete_class_uses(server, name);
    }
    free(name);
    return rc;
}

DWORD WINAPI DhcpDeleteClass(LPWSTR server_name, DWORD reserved, LPWSTR class_name)
{
    session s;
    DWORD rc = session_open(&s, server_name, CALL_WRITE);
    if (rc == ERROR_SUCCESS && (reserved || !class_name))
        rc = PXB_ERROR_INVALID_PARAMETER;
    if (rc == ERROR_SUCCESS)
        rc = session_authorize(&s);
    if (rc == ERROR_SUCCESS)
        rc = delete_class(s.server, class_name);
    return session_close(&s, rc);
}
