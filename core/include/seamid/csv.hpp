// CSV reading for bulk imports, RFC 4180 (https://www.rfc-editor.org/rfc/rfc4180): comma-separated fields,
// double-quoted fields may hold commas, quotes (doubled) and line breaks; records end with CRLF (LF or a lone
// CR are accepted too). A UTF-8 byte order mark is skipped. Broken quoting is reported per record and the
// reader resynchronises on the next line, so one bad row never hides the rest of the file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace seamid {

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

/// One record: its fields (unescaped), where it starts, and its quoting error if any.
struct csv_record {
    std::size_t line = 0;   ///< 1-based line of the file where the record starts
    csv_error error = csv_error::none;
    std::string buffer;     ///< the unescaped bytes of every field, back to back
    std::vector<std::pair<std::size_t, std::size_t>> spans;  ///< (offset, length) of each field in buffer

    /// Number of fields.
    [[nodiscard]] std::size_t size() const noexcept { return spans.size(); }
    /// The i-th field's text.
    [[nodiscard]] std::string_view field(std::size_t i) const noexcept { return {buffer.data() + spans[i].first, spans[i].second}; }
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
                    skip_unquoted(out);
                }
            } else {
                skip_unquoted(out);
            }
            out.spans.emplace_back(field_start, out.buffer.size() - field_start);
            if (position_ >= size) return true;
            if (data[position_] == ',') {
                ++position_;
                continue;
            }
            consume_line_break();
            return true;
        }
    }

    /// Appends unquoted text up to the next comma or line break; a quote there is an error.
    void skip_unquoted(csv_record& out) {
        const char* data = text_.data();
        const std::size_t size = text_.size();
        const std::size_t begin = position_;
        while (position_ < size) {
            const char c = data[position_];
            if (c == ',' || c == '\n' || c == '\r') break;
            if (c == '"') out.error = csv_error::invalid_quote;
            ++position_;
        }
        out.buffer.append(data + begin, position_ - begin);
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
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '"') quoted = !quoted;
        if (!quoted && (c == '\n' || c == '\r')) {
            records += content;
            content = false;
        } else {
            content = true;
        }
    }
    return records + content;
}

}  // namespace seamid
