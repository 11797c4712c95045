/* optdata.c: DHCP_OPTION_DATA <-> model. */
#include "optdata.h"

#include <stdlib.h>
#include <string.h>

static DWORD elem_in(const DHCP_OPTION_DATA_ELEMENT *in, dbl_elem *out)
{
    char *text;
    int rc = 0;
    out->type = in->OptionType;
    switch (in->OptionType) {
    case DhcpByteOption:
        out->num = in->Element.ByteOption;
        return ERROR_SUCCESS;
    case DhcpWordOption:
        out->num = in->Element.WordOption;
        return ERROR_SUCCESS;
    case DhcpDWordOption:
        out->num = in->Element.DWordOption;
        return ERROR_SUCCESS;
    case DhcpDWordDWordOption:
        out->num = in->Element.DWordDWordOption.DWord1;
        out->num2 = in->Element.DWordDWordOption.DWord2;
        return ERROR_SUCCESS;
    case DhcpIpAddressOption:
        out->num = in->Element.IpAddressOption;
        return ERROR_SUCCESS;
    case DhcpStringDataOption:
    case DhcpIpv6AddressOption:
        if (!in->Element.StringDataOption)
            return PXB_ERROR_INVALID_PARAMETER;
        text = rpc_utf8(in->Element.StringDataOption);
        if (!text)
            return PXB_ERROR_INVALID_PARAMETER;
        rc = model_bytes_set(&out->data, text, strlen(text));
        free(text);
        return rc ? ERROR_NOT_ENOUGH_MEMORY : ERROR_SUCCESS;
    case DhcpBinaryDataOption:
    case DhcpEncapsulatedDataOption:
        if (!in->Element.BinaryDataOption.Data && in->Element.BinaryDataOption.DataLength)
            return PXB_ERROR_INVALID_PARAMETER;
        rc = model_bytes_set(&out->data, in->Element.BinaryDataOption.Data,
                             in->Element.BinaryDataOption.DataLength);
        return rc ? ERROR_NOT_ENOUGH_MEMORY : ERROR_SUCCESS;
    default:
        return PXB_ERROR_INVALID_PARAMETER;
    }
}

DWORD optdata_in(const DHCP_OPTION_DATA *in, dbl_data *out)
{
    memset(out, 0, sizeof *out);
    if (!in || in->NumElements == 0 || !in->Elements)
        return PXB_ERROR_INVALID_PARAMETER;
    for (DWORD i = 0; i < in->NumElements; i++) {
        dbl_elem *elem = model_grow((void **)&out->elems, &out->count, sizeof *elem);
        DWORD rc = elem ? elem_in(&in->Elements[i], elem) : ERROR_NOT_ENOUGH_MEMORY;
        if (rc) {
            model_data_free(out);
            return rc;
        }
    }
    return ERROR_SUCCESS;
}

static void elem_out(rpc_batch *batch, const dbl_elem *in, DHCP_OPTION_DATA_ELEMENT *out)
{
    char *text;
    out->OptionType = (DHCP_OPTION_DATA_TYPE)in->type;
    switch (in->type) {
    case DhcpByteOption:
        out->Element.ByteOption = (BYTE)in->num;
        break;
    case DhcpWordOption:
        out->Element.WordOption = (WORD)in->num;
        break;
    case DhcpDWordOption:
        out->Element.DWordOption = in->num;
        break;
    case DhcpDWordDWordOption:
        out->Element.DWordDWordOption.DWord1 = in->num;
        out->Element.DWordDWordOption.DWord2 = in->num2;
        break;
    case DhcpIpAddressOption:
        out->Element.IpAddressOption = in->num;
        break;
    case DhcpStringDataOption:
    case DhcpIpv6AddressOption:
        text = malloc(in->data.len + 1);
        if (!text) {
            batch->failed = 1;
            break;
        }
        memcpy(text, in->data.data, in->data.len);
        text[in->data.len] = '\0';
        out->Element.StringDataOption = rpc_wstr(batch, text);
        free(text);
        break;
    default: /* binary and encapsulated */
        out->Element.BinaryDataOption.DataLength = (DWORD)in->data.len;
        out->Element.BinaryDataOption.Data = rpc_bytes(batch, &in->data);
        break;
    }
}

void optdata_out(rpc_batch *batch, const dbl_data *in, DHCP_OPTION_DATA *out)
{
    out->NumElements = (DWORD)in->count;
    out->Elements = rpc_alloc(batch, in->count * sizeof *out->Elements);
    for (size_t i = 0; out->Elements && i < in->count; i++)
        elem_out(batch, &in->elems[i], &out->Elements[i]);
}
