#include "stz/io/csv_journal.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <utility>

#include "src/io/io_detail.hpp"
#include "stz/core/error.hpp"

namespace fs = std::filesystem;

namespace stz {

namespace {

constexpr std::size_t kFlushBytes = 1 << 16;  // buffered rows written out from 64 kB on

fs::path part_of(const fs::path& target) {
    fs::path p = target;
    p += ".part";
    return p;
}

[[noreturn]] void fail(const fs::path& file, const std::string& what, int err) {
    throw Error("cannot write " + detail::quote(file) + ": " + what + ": " +
                detail::os_reason(err));
}

void check_digits(const fs::path& file, int digits) {
    STZ_REQUIRE(digits >= 1 && digits <= 17, "cannot write " << detail::quote(file)
                                                             << ": significant digits must be "
                                                                "in 1..17, got " << digits);
}

}  // namespace

CsvJournal::CsvJournal(fs::path target, std::vector<std::string> columns, int digits, int fd,
                       Mark at)
    : target_(std::move(target)),
      columns_(std::move(columns)),
      digits_(digits),
      fd_(fd),
      rows_(at.rows),
      bytes_(at.bytes),
      marked_(true) {}

CsvJournal::CsvJournal(fs::path target, std::vector<std::string> columns, int significant_digits)
    : target_(std::move(target)), columns_(std::move(columns)), digits_(significant_digits) {
    const fs::path part = part_path();
    check_digits(part, digits_);
    buffer_ = detail::csv_header(columns_, "cannot write " + detail::quote(part));
    fd_ = ::open(part.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd_ < 0) {
        const int err = errno;
        fail(part, "cannot create it", err);
    }
}

CsvJournal CsvJournal::resume(fs::path target, std::vector<std::string> columns, Mark mark,
                              int significant_digits) {
    const fs::path part = part_of(target);
    const std::string where = "cannot continue " + detail::quote(part);
    check_digits(part, significant_digits);
    const std::string header = detail::csv_header(columns, where);
    // A job killed after commit() but before it dropped its checkpoint (while it wrote its
    // last files) left the whole table under the target's name: the checkpoint's rows are
    // its beginning. It becomes the part file again, checked and cut back like any other.
    bool reopened = false;
    if (::access(part.c_str(), F_OK) != 0 && errno == ENOENT &&
        ::access(target.c_str(), F_OK) == 0) {
        if (::rename(target.c_str(), part.c_str()) != 0) {
            const int err = errno;
            throw Error(where + ": it is missing, and " + detail::quote(target) +
                        ", the table of a job stopped while it finished, cannot be renamed to "
                        "it: " + detail::os_reason(err));
        }
        reopened = true;
    }
    const int fd = ::open(part.c_str(), O_RDWR | O_CLOEXEC);
    if (fd < 0) {
        const int err = errno;
        throw Error(where + " from the checkpoint's " + std::to_string(mark.rows) +
                    " rows: cannot open it: " + detail::os_reason(err) +
                    " (the checkpoint and its partial table belong together; start the run "
                    "afresh)");
    }
    // From here on every failure closes the descriptor before it throws, and gives a
    // table taken up again its name back (refused before anything is cut).
    auto refuse = [&](const std::string& why) {
        (void)::close(fd);
        if (reopened) (void)::rename(part.c_str(), target.c_str());
        throw Error(where + ": " + why);
    };
    struct stat st{};
    if (::fstat(fd, &st) != 0) refuse("cannot stat it: " + detail::os_reason(errno));
    const auto size = static_cast<std::uint64_t>(st.st_size);
    if (mark.bytes < header.size() || size < mark.bytes)
        refuse("the checkpoint marks " + std::to_string(mark.bytes) + " bytes (" +
               std::to_string(mark.rows) + " rows), the file has " + std::to_string(size) +
               " (a header needs " + std::to_string(header.size()) +
               "): it is not the table of this checkpoint");
    std::string head(header.size(), '\0');
    if (::pread(fd, head.data(), head.size(), 0) != static_cast<ssize_t>(head.size()) ||
        head != header)
        refuse("it does not start with the header '" + header.substr(0, header.size() - 1) +
               "'");
    char last = 0;
    if (::pread(fd, &last, 1, static_cast<off_t>(mark.bytes - 1)) != 1 || last != '\n')
        refuse("byte " + std::to_string(mark.bytes) +
               ", where the checkpoint's rows end, is not the end of a line");
    if (::ftruncate(fd, static_cast<off_t>(mark.bytes)) != 0)
        refuse("cannot cut it to the checkpoint's " + std::to_string(mark.bytes) +
               " bytes: " + detail::os_reason(errno));
    if (::lseek(fd, static_cast<off_t>(mark.bytes), SEEK_SET) < 0)
        refuse("cannot seek: " + detail::os_reason(errno));
    CsvJournal j(std::move(target), std::move(columns), significant_digits, fd, mark);
    j.reopened_target_ = reopened;
    return j;
}

CsvJournal::~CsvJournal() {
    close_fd();
    if (!target_.empty() && !marked_ && !committed_) (void)::unlink(part_path().c_str());
}

CsvJournal::CsvJournal(CsvJournal&& o) noexcept
    : target_(std::move(o.target_)),
      columns_(std::move(o.columns_)),
      digits_(o.digits_),
      fd_(std::exchange(o.fd_, -1)),
      buffer_(std::move(o.buffer_)),
      rows_(o.rows_),
      bytes_(o.bytes_),
      marked_(o.marked_),
      committed_(o.committed_),
      reopened_target_(o.reopened_target_) {
    o.target_.clear();  // the moved-from journal owns no file
}

fs::path CsvJournal::part_path() const { return part_of(target_); }

void CsvJournal::row(std::initializer_list<double> values) {
    row(std::span<const double>(values.begin(), values.size()));
}

void CsvJournal::row(std::span<const double> values) {
    STZ_REQUIRE(fd_ >= 0 && !committed_, "cannot add a row to " << detail::quote(part_path())
                                                                << ": the table is closed");
    STZ_REQUIRE(values.size() == columns_.size(),
                "cannot add a row to " << detail::quote(part_path()) << ": got " << values.size()
                                       << " values for " << columns_.size() << " columns");
    detail::append_csv_row(buffer_, values, digits_);
    ++rows_;
    if (buffer_.size() >= kFlushBytes) flush();
}

void CsvJournal::flush() {
    STZ_REQUIRE(fd_ >= 0 && !committed_,
                "cannot write to " << detail::quote(part_path()) << ": the table is closed");
    const char* p = buffer_.data();
    std::size_t n = buffer_.size();
    while (n > 0) {
        const ssize_t w = ::write(fd_, p, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            const int err = errno;
            buffer_.clear();
            fail(part_path(), "write error", err);
        }
        p += w;
        n -= static_cast<std::size_t>(w);
        bytes_ += static_cast<std::uint64_t>(w);
    }
    buffer_.clear();
}

CsvJournal::Mark CsvJournal::mark() {
    STZ_REQUIRE(fd_ >= 0 && !committed_,
                "cannot mark " << detail::quote(part_path()) << ": the table is closed");
    flush();
    if (::fsync(fd_) != 0) {
        const int err = errno;
        fail(part_path(), "fsync failed", err);
    }
    marked_ = true;
    return {rows_, bytes_};
}

void CsvJournal::commit() {
    STZ_REQUIRE(fd_ >= 0 && !committed_,
                "cannot commit " << detail::quote(part_path()) << ": the table is closed");
    flush();
    const fs::path part = part_path();
    if (::fsync(fd_) != 0) {
        const int err = errno;
        fail(part, "fsync failed", err);
    }
    if (::close(std::exchange(fd_, -1)) != 0) {  // NFS reports some write errors only here
        const int err = errno;
        fail(part, "close failed", err);
    }
    if (::rename(part.c_str(), target_.c_str()) != 0) {
        const int err = errno;
        fail(target_, "cannot rename " + detail::quote(part) + " over it", err);
    }
    committed_ = true;
    const fs::path dir = target_.has_parent_path() ? target_.parent_path() : fs::path(".");
    const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {  // best effort, as in AtomicFile::commit
        (void)::fsync(dfd);
        (void)::close(dfd);
    }
}

void CsvJournal::close_fd() noexcept {
    if (fd_ >= 0) (void)::close(std::exchange(fd_, -1));
}

}  // namespace stz
