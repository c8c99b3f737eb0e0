// Converts non-UTF-8 input through ICU in bounded chunks, so memory stays linear in the output.
#include "input/icu_convert.hpp"

#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>

#include <cstddef>
#include <vector>

namespace pm {

namespace {

constexpr std::size_t k_chunk_units = 1 << 16;

// Where, in the current UTF-16 chunk, the callback wrote a U+FFFD of its own. A substituted
// U+FFFD must be told apart from one the input really contained, so positions are recorded.
struct CallbackState {
    const UChar* chunk_begin = nullptr;
    std::vector<std::size_t> positions;
};

void on_bad_bytes(const void* context, UConverterToUnicodeArgs* args, const char* /*code_units*/,
                  int32_t /*length*/, UConverterCallbackReason reason, UErrorCode* err) {
    if (reason != UCNV_UNASSIGNED && reason != UCNV_ILLEGAL && reason != UCNV_IRREGULAR) {
        return;  // reset/close/clone notifications
    }
    auto* state = static_cast<CallbackState*>(const_cast<void*>(context));
    state->positions.push_back(static_cast<std::size_t>(args->target - state->chunk_begin));
    *err = U_ZERO_ERROR;
    static const UChar k_fffd = 0xFFFD;
    ucnv_cbToUWriteUChars(args, &k_fffd, 1, 0, err);
}

struct ConverterCloser {
    UConverter* conv;
    ~ConverterCloser() { ucnv_close(conv); }
};

}  // namespace

bool convert_with_icu(std::string_view bytes, const char* charset, BadKind bad_kind, TextSink& sink) {
    UErrorCode status = U_ZERO_ERROR;
    UConverter* conv = ucnv_open(charset, &status);
    if (U_FAILURE(status) || conv == nullptr) {
        return false;
    }
    ConverterCloser closer{conv};
    CallbackState state;
    UConverterToUCallback old_cb = nullptr;
    const void* old_ctx = nullptr;
    ucnv_setToUCallBack(conv, on_bad_bytes, &state, &old_cb, &old_ctx, &status);
    if (U_FAILURE(status)) {
        return false;
    }

    std::vector<UChar> chunk(k_chunk_units);
    const char* src = bytes.data();
    const char* const src_end = bytes.data() + bytes.size();
    UChar pending_high = 0;  // a lead surrogate that ended the previous chunk
    std::vector<std::size_t> carried;
    for (;;) {
        UChar* target = chunk.data();
        state.chunk_begin = chunk.data();
        state.positions.swap(carried);
        carried.clear();
        status = U_ZERO_ERROR;
        ucnv_toUnicode(conv, &target, chunk.data() + chunk.size(), &src, src_end, nullptr, true, &status);
        const auto produced = static_cast<std::size_t>(target - chunk.data());

        std::size_t next_bad = 0;
        for (std::size_t i = 0; i < produced; ++i) {
            if (next_bad < state.positions.size() && state.positions[next_bad] == i) {
                ++next_bad;
                if (pending_high != 0) {
                    sink.put_code_point(pending_high, bad_kind);
                    pending_high = 0;
                }
                sink.put_replacement(bad_kind);
                continue;
            }
            const UChar u = chunk[i];
            if (pending_high != 0) {
                if (U16_IS_TRAIL(u)) {
                    sink.put_code_point(U16_GET_SUPPLEMENTARY(pending_high, u), bad_kind);
                    pending_high = 0;
                    continue;
                }
                sink.put_code_point(pending_high, bad_kind);  // unpaired: replaced
                pending_high = 0;
            }
            if (U16_IS_LEAD(u)) {
                pending_high = u;
                continue;
            }
            sink.put_code_point(u, bad_kind);
        }
        // A substitution written while the chunk was full lands at the start of the next chunk.
        for (std::size_t k = next_bad; k < state.positions.size(); ++k) {
            if (state.positions[k] >= produced) {
                carried.push_back(state.positions[k] - produced);
            }
        }
        state.positions.clear();
        if (status != U_BUFFER_OVERFLOW_ERROR || produced == 0) {
            break;  // done, or ICU made no progress (never loop without it)
        }
    }
    if (pending_high != 0) {
        sink.put_code_point(pending_high, bad_kind);
    }
    return true;
}

}  // namespace pm
