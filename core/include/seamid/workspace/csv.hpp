// CSV reading for bulk imports, RFC 4180 (https://www.rfc-editor.org/rfc/rfc4180): comma-separated fields,
// double-quoted fields may hold commas, quotes (doubled) and line breaks; records end with CRLF (LF or a lone
// CR are accepted too). A UTF-8 byte order mark is skipped. Broken quoting is reported per record and the
// reader resynchronises on the next line, so one bad row never hides the rest of the file.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace seamid {

namespace detail {

/// High bit set in each byte of `word` equal to `byte` (exact for the lowest such byte, which is all the
/// scanners below use: the subtraction's borrow only reaches bytes above a match).
[[nodiscard]] constexpr std::uint64_t csv_bytes_equal(std::uint64_t word, unsigned char byte) noexcept {
    constexpr std::uint64_t ones = 0x0101010101010101ULL;
    const std::uint64_t x = word ^ (ones * byte);
    return (x - ones) & ~x & (ones * 0x80);
}

/// The bytes of `word` (8 bytes read little-endian) that end or open an unquoted CSV field: , \n \r ".
[[nodiscard]] constexpr std::uint64_t csv_special_bytes(std::uint64_t word) noexcept {
    return csv_bytes_equal(word, ',') | csv_bytes_equal(word, '\n') | csv_bytes_equal(word, '\r') | csv_bytes_equal(word, '"');
}

/// Reads 8 bytes as a little-endian word.
[[nodiscard]] inline std::uint64_t csv_word(const char* bytes) noexcept {
    std::uint64_t word;
    std::memcpy(&word, bytes, sizeof word);
    return word;
}

/// Word-at-a-time scanning needs the first byte in memory to be the lowest of the word.
inline constexpr bool csv_scan_words = std::endian::native == std::endian::little;

}  // namespace detail

/// What is wrong with a record's quoting (none when it read cleanly).
enum class csv_error : std::uint8_t {
    none,
    unterminated_quote,  ///< a quoted field is never closed (the reader resumed at the next line)
    invalid_quote,       ///< a quote inside an unquoted field, or text after a closing quote
};

/// The stable code of a CSV error: "csv_unterminated_quote" or "csv_invalid_quote".
[[nodiscard]] constexpr std::string_view csv_error_code(csv_error error) noexcept {
    return error == csv_error::unterminated_quote ? "csv_unterminated_quote" : "csv_invalid_quote";
}

/// What to tell the user about a CSV error.
[[nodiscard]] constexpr std::string_view csv_error_message(csv_error error) noexcept {
    return error == csv_error::unterminated_quote
               ? "A quoted field is never closed, so this row could not be read (the rest of the file is read from the next line). "
                 "Close the quote, or double any quote inside the field (\"\")."
               : "Broken quoting, so this row could not be read: a field that contains a quote must be quoted as a whole, with "
                 "each inner quote doubled (\"say \"\"hi\"\"\"), and nothing may follow the closing quote but a comma.";
}

/// Where a field's bytes are: in the text read (an unquoted field, not copied) or in the record's buffer.
struct csv_span {
    std::size_t offset = 0;
    std::size_t length = 0;
    bool in_text = false;  ///< true: offset is into the text; false: into the record's buffer
};

/// One record: its fields (unescaped), where it starts, and its quoting error if any.
struct csv_record {
    std::size_t line = 0;   ///< 1-based line of the file where the record starts
    csv_error error = csv_error::none;
    std::string_view text;  ///< the text the record was read from (unquoted fields are views into it)
    std::string buffer;     ///< the unescaped bytes of quoted fields, back to back
    std::vector<csv_span> spans;  ///< each field's bytes

    /// Number of fields.
    [[nodiscard]] std::size_t size() const noexcept { return spans.size(); }
    /// The i-th field's text (valid while the record is not read into again and the text lives).
    [[nodiscard]] std::string_view field(std::size_t i) const noexcept {
        const csv_span& span = spans[i];
        return {(span.in_text ? text.data() : buffer.data()) + span.offset, span.length};
    }
};

/// A pull reader of CSV records over text it does not own. Blank lines are skipped.
class csv_reader {
public:
    /// Reads `text`, skipping a leading UTF-8 byte order mark.
    explicit csv_reader(std::string_view text) noexcept : text_(text) {
        if (text_.size() >= 3 && text_.compare(0, 3, "\xEF\xBB\xBF") == 0) position_ = 3;
    }

    /// Reads the next non-blank record into `out`; false at the end of the text.
    bool next(csv_record& out) {
        while (position_ < text_.size()) {
            if (read_record(out)) return true;
        }
        return false;
    }

    /// Bytes consumed so far.
    [[nodiscard]] std::size_t position() const noexcept { return position_; }
    /// Total bytes.
    [[nodiscard]] std::size_t size() const noexcept { return text_.size(); }

private:
    /// Consumes a line break at position_ if there is one (CRLF, LF or CR); returns true when it did.
    bool consume_line_break() noexcept {
        if (position_ >= text_.size()) return false;
        if (text_[position_] == '\n') {
            ++position_;
            ++line_;
            return true;
        }
        if (text_[position_] == '\r') {
            ++position_;
            if (position_ < text_.size() && text_[position_] == '\n') ++position_;
            ++line_;
            return true;
        }
        return false;
    }

    /// Reads one physical record; false when it was a blank line (nothing to return).
    bool read_record(csv_record& out) {
        out.line = line_;
        out.error = csv_error::none;
        out.text = text_;
        out.buffer.clear();
        out.spans.clear();
        const std::size_t start = position_;
        if (consume_line_break()) return false;  // blank line
        const char* data = text_.data();
        const std::size_t size = text_.size();
        for (;;) {
            const std::size_t field_start = out.buffer.size();
            if (position_ < size && data[position_] == '"') {
                const std::size_t quote_at = position_;
                ++position_;
                for (;;) {
                    const void* found = std::memchr(data + position_, '"', size - position_);
                    if (found == nullptr) {
                        resynchronise(start, quote_at, out);
                        return true;
                    }
                    const std::size_t at = static_cast<std::size_t>(static_cast<const char*>(found) - data);
                    count_lines(position_, at);
                    out.buffer.append(data + position_, at - position_);
                    position_ = at + 1;
                    if (position_ < size && data[position_] == '"') {
                        out.buffer.push_back('"');
                        ++position_;
                        continue;
                    }
                    break;
                }
                if (position_ < size && data[position_] != ',' && data[position_] != '\n' && data[position_] != '\r') {
                    out.error = csv_error::invalid_quote;
                    const std::size_t after_quote = position_;
                    skip_unquoted(out);
                    out.buffer.append(data + after_quote, position_ - after_quote);
                }
                out.spans.push_back({field_start, out.buffer.size() - field_start, false});
            } else {
                const std::size_t begin = position_;
                skip_unquoted(out);
                out.spans.push_back({begin, position_ - begin, true});  // a view of the text: no copy
            }
            if (position_ >= size) return true;
            if (data[position_] == ',') {
                ++position_;
                continue;
            }
            consume_line_break();
            return true;
        }
    }

    /// Moves past unquoted text up to the next comma or line break; a quote there is an error.
    void skip_unquoted(csv_record& out) {
        const char* data = text_.data();
        const std::size_t size = text_.size();
        std::size_t at = position_;
        for (;;) {
            // 8 bytes per step to the next special byte, then byte by byte near the end of the text.
            bool found = false;
            if constexpr (detail::csv_scan_words) {
                for (; at + 8 <= size; at += 8) {
                    const std::uint64_t special = detail::csv_special_bytes(detail::csv_word(data + at));
                    if (special != 0) {
                        at += static_cast<std::size_t>(std::countr_zero(special)) / 8;
                        found = true;
                        break;
                    }
                }
            }
            if (!found)
                while (at < size && data[at] != ',' && data[at] != '\n' && data[at] != '\r' && data[at] != '"') ++at;
            if (at < size && data[at] == '"') {
                out.error = csv_error::invalid_quote;
                ++at;
                continue;
            }
            break;
        }
        position_ = at;
    }

    void count_lines(std::size_t from, std::size_t to) noexcept {
        for (std::size_t i = from; i < to; ++i) line_ += text_[i] == '\n';
    }

    /// An unterminated quote: report the record and resume after the line on which the quote opened.
    void resynchronise(std::size_t record_start, std::size_t quote_at, csv_record& out) {
        out.error = csv_error::unterminated_quote;
        std::size_t lines = 0;
        for (std::size_t i = record_start; i < quote_at; ++i) lines += text_[i] == '\n';
        line_ = out.line + lines;
        position_ = quote_at;
        while (position_ < text_.size() && text_[position_] != '\n' && text_[position_] != '\r') ++position_;
        consume_line_break();
        out.spans.clear();
        out.buffer.clear();
    }

    std::string_view text_;
    std::size_t position_ = 0;
    std::size_t line_ = 1;
};

/// Counts the non-blank records of CSV text (quote-aware, no copying): the progress total of a batch.
[[nodiscard]] inline std::size_t csv_count_records(std::string_view text) noexcept {
    std::size_t records = 0;
    bool quoted = false, content = false;
    const auto take = [&](char c) {
        if (c == '"') quoted = !quoted;
        if (!quoted && (c == '\n' || c == '\r')) {
            records += content;
            content = false;
        } else {
            content = true;
        }
    };
    std::size_t i = 0;
    if constexpr (detail::csv_scan_words) {
        // 8 bytes at a time: a word without a quote or a line break is all content; any other word is taken byte by
        // byte (whole words keep the loads aligned to the scan and the loop free of restarts).
        for (; i + 8 <= text.size(); i += 8) {
            const std::uint64_t word = detail::csv_word(text.data() + i);
            if ((detail::csv_bytes_equal(word, '"') | detail::csv_bytes_equal(word, '\n') | detail::csv_bytes_equal(word, '\r')) == 0) {
                content = true;
                continue;
            }
            for (std::size_t k = 0; k < 8; ++k) take(text[i + k]);
        }
    }
    for (; i < text.size(); ++i) take(text[i]);
    return records + content;
}

}  // namespace seamid
