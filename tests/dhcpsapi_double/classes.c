/* classes.c: user and vendor classes (MS-DHCPM 3.1.1.8, R_DhcpCreateClass,
 * R_DhcpDeleteClass, R_DhcpEnumClasses): names and data unique, built-in classes
 * undeletable, enumeration paged by the caller's byte budget. */
#include <stdlib.h>
#include <string.h>

#include "exports.h"
#include "paging.h"
#include "rpcmem.h"
#include "session.h"

/* What one class costs of the caller's PreferredMaximum, in bytes. */
static size_t class_size(const dbl_class *cls)
{
    return sizeof(DHCP_CLASS_INFO) + (strlen(cls->name) + strlen(cls->comment) + 2) * 2 +
           cls->data.len;
}

static size_t classes_fitting(const dbl_server *server, size_t first, DWORD pref_max)
{
    size_t used = 0, count = 0;
    for (size_t i = first; i < server->class_count; i++) {
        used += class_size(&server->classes[i]);
        if (used > pref_max && count > 0)
            break;
        count++;
    }
    return pref_max ? count : 0;
}

static DWORD enum_classes(dbl_server *server, DHCP_RESUME_HANDLE *resume, DWORD pref_max,
                          LPDHCP_CLASS_INFO_ARRAY *classes, DWORD *read, DWORD *total)
{
    rpc_batch batch = {0};
    size_t fitting = classes_fitting(server, *resume, pref_max);
    page window = paging_window(resume, server->class_count, fitting);
    if (window.count == 0)
        return window.rc;
    LPDHCP_CLASS_INFO_ARRAY array = rpc_alloc(&batch, sizeof *array);
    LPDHCP_CLASS_INFO infos = rpc_alloc(&batch, window.count * sizeof *infos);
    for (size_t i = 0; array && infos && i < window.count; i++) {
        const dbl_class *cls = &server->classes[window.first + i];
        infos[i].ClassName = rpc_wstr(&batch, cls->name);
        infos[i].ClassComment = rpc_wstr(&batch, cls->comment);
        infos[i].ClassDataLength = (DWORD)cls->data.len;
        infos[i].IsVendor = cls->vendor;
        infos[i].Flags = cls->flags;
        infos[i].ClassData = rpc_bytes(&batch, &cls->data);
    }
    if (array) {
        array->NumElements = (DWORD)window.count;
        array->Classes = infos;
    }
    DWORD rc = paging_finish(&batch, &window, server->class_count, read, total);
    if (rc == ERROR_SUCCESS || rc == PXB_ERROR_MORE_DATA)
        *classes = array;
    return rc;
}

DWORD WINAPI DhcpEnumClasses(LPWSTR server_name, DWORD reserved, DHCP_RESUME_HANDLE *resume,
                             DWORD pref_max, LPDHCP_CLASS_INFO_ARRAY *classes, DWORD *read,
                             DWORD *total)
{
    session s;
    if (!resume || !classes || !read || !total || reserved)
        return PXB_ERROR_INVALID_PARAMETER;
    *classes = NULL;
    *read = *total = 0;
    DWORD rc = session_open(&s, server_name, CALL_READ);
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
    if (reserved || !info || !info->ClassName || !*info->ClassName || !info->ClassData ||
        info->ClassDataLength == 0)
        return PXB_ERROR_INVALID_PARAMETER;
    DWORD rc = session_open(&s, server_name, CALL_WRITE);
    if (rc == ERROR_SUCCESS)
        rc = create_class(s.server, info);
    return session_close(&s, rc);
}

static DWORD delete_class(dbl_server *server, const WCHAR *class_name)
{
    char *name = rpc_utf8(class_name);
    if (!name)
        return PXB_ERROR_INVALID_PARAMETER;
    dbl_class *cls = model_find_class(server, name);
    free(name);
    if (!cls)
        return PXB_ERROR_DHCP_CLASS_NOT_FOUND;
    if (cls->builtin)
        return PXB_ERROR_DHCP_DELETE_BUILTIN_CLASS;
    model_class_free(cls);
    model_cut(server->classes, &server->class_count, sizeof *cls, (size_t)(cls - server->classes));
    return ERROR_SUCCESS;
}

DWORD WINAPI DhcpDeleteClass(LPWSTR server_name, DWORD reserved, LPWSTR class_name)
{
    session s;
    if (reserved || !class_name)
        return PXB_ERROR_INVALID_PARAMETER;
    DWORD rc = session_open(&s, server_name, CALL_WRITE);
    if (rc == ERROR_SUCCESS)
        rc = delete_class(s.server, class_name);
    return session_close(&s, rc);
}
