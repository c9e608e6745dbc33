#include "stz/io/atomic_file.hpp"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <streambuf>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "src/io/io_detail.hpp"
#include "stz/core/error.hpp"

namespace fs = std::filesystem;

namespace stz {

namespace {

// A streambuf over a POSIX file descriptor. std::filebuf would do the buffering,
// but it loses the errno of a failed write, and the error must say *why* (ENOSPC,
// EDQUOT, EIO); it also hides the descriptor that fsync() needs.
class FdStreamBuf final : public std::streambuf {
  public:
    explicit FdStreamBuf(int fd) : fd_(fd), buffer_(kBufferSize) { reset_put_area(); }

    /// errno of the first failed write(), 0 if every write succeeded.
    [[nodiscard]] int error() const { return error_; }

  protected:
    int_type overflow(int_type ch) override {
        if (!flush_buffer()) return traits_type::eof();
        if (!traits_type::eq_int_type(ch, traits_type::eof())) {
            *pptr() = traits_type::to_char_type(ch);
            pbump(1);
        }
        return traits_type::not_eof(ch);
    }

    std::streamsize xsputn(const char* s, std::streamsize n) override {
        // An empty write may come with s == nullptr (an empty array's data()); memcpy must
        // not see it even for 0 bytes (UBSan: nonnull-attribute).
        if (n <= 0) return 0;
        if (n < epptr() - pptr()) {
            std::memcpy(pptr(), s, static_cast<std::size_t>(n));
            pbump(static_cast<int>(n));
            return n;
        }
        if (!flush_buffer()) return 0;
        // Large blocks (array data) go straight to the file instead of being copied.
        if (n >= static_cast<std::streamsize>(buffer_.size())) {
            return write_all(s, static_cast<std::size_t>(n)) ? n : 0;
        }
        std::memcpy(pptr(), s, static_cast<std::size_t>(n));
        pbump(static_cast<int>(n));
        return n;
    }

    int sync() override { return flush_buffer() ? 0 : -1; }

  private:
    static constexpr std::size_t kBufferSize = 1 << 16;

    void reset_put_area() { setp(buffer_.data(), buffer_.data() + buffer_.size()); }

    bool flush_buffer() {
        const auto n = static_cast<std::size_t>(pptr() - pbase());
        const bool ok = n == 0 ? error_ == 0 : write_all(pbase(), n);
        reset_put_area();  // also after a failure, so that overflow() cannot loop
        return ok;
    }

    bool write_all(const char* p, std::size_t n) {
        if (error_ != 0) return false;
        while (n > 0) {
            const ssize_t w = ::write(fd_, p, n);
            if (w < 0) {
                if (errno == EINTR) continue;
                error_ = errno;
                return false;
            }
            p += w;
            n -= static_cast<std::size_t>(w);
        }
        return true;
    }

    int fd_;
    int error_ = 0;
    std::vector<char> buffer_;
};

[[noreturn]] void fail(const fs::path& target, const std::string& what, int err) {
    throw Error("cannot write " + detail::quote(target) + ": " + what + ": " +
                detail::os_reason(err));
}

fs::path temp_sibling(const fs::path& target) {
    // The counter keeps two AtomicFiles of one process (threads, or two files to
    // the same target) apart; the pid keeps processes sharing a folder apart.
    static std::atomic<unsigned long> counter{0};
    std::string name(1, '.');  // piecewise: "." + std::string trips GCC 12 -Wrestrict
    name += target.filename().native();
    name += ".tmp." + std::to_string(::getpid()) + "." + std::to_string(counter++);
    return target.parent_path() / name;
}

std::string folder_of(const fs::path& target) {
    return detail::quote(target.has_parent_path() ? target.parent_path() : fs::path("."));
}

}  // namespace

struct AtomicFile::Impl {
    enum class State { open, committed, discarded };

    Impl(fs::path target_, fs::path temp_, int fd_)
        : target(std::move(target_)), temp(std::move(temp_)), fd(fd_), buf(fd_), os(&buf) {}

    fs::path target;
    fs::path temp;
    int fd;
    FdStreamBuf buf;
    std::ostream os;
    State state = State::open;
};

AtomicFile::AtomicFile(fs::path target) {
    STZ_REQUIRE(target.has_filename(),
                "cannot write " << detail::quote(target) << ": not a file name");
    // 0666 and not mkstemp's 0600: the final file should get the usual permissions
    // from the umask, like any file the user creates. A name can be taken by the
    // leftover of a killed run (containers reuse small pids), hence the retries.
    fs::path temp;
    int fd = -1;
    for (int attempt = 0; attempt < 100 && fd < 0; ++attempt) {
        temp = temp_sibling(target);
        fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0 && errno != EEXIST) break;
    }
    if (fd < 0) {
        const int err = errno;  // before the string operations below can touch it
        fail(target, "cannot create a file in folder " + folder_of(target), err);
    }
    impl_ = std::make_unique<Impl>(std::move(target), std::move(temp), fd);
}

AtomicFile::~AtomicFile() {
    discard();
}

AtomicFile::AtomicFile(AtomicFile&&) noexcept = default;

AtomicFile& AtomicFile::operator=(AtomicFile&& other) noexcept {
    if (this != &other) {
        discard();
        impl_ = std::move(other.impl_);
    }
    return *this;
}

std::ostream& AtomicFile::stream() {
    STZ_REQUIRE(impl_ && impl_->state == Impl::State::open,
                "AtomicFile::stream(): the file was already committed or discarded");
    return impl_->os;
}

void AtomicFile::commit() {
    STZ_REQUIRE(impl_ && impl_->state == Impl::State::open,
                "AtomicFile::commit(): the file was already committed or discarded");
    Impl& f = *impl_;
    const fs::path target = f.target;
    // Each failure is reported after discard(), with the errno saved before it.
    f.os.flush();
    if (f.buf.error() != 0 || !f.os) {
        const int err = f.buf.error();
        discard();
        if (err != 0) fail(target, "write error", err);
        throw Error("cannot write " + detail::quote(target) +
                    ": the output stream failed (formatting error)");
    }
    // Without fsync a crash shortly after rename() can leave an empty file under the
    // final name on ext4/xfs: the rename reaches the disk before the data.
    if (::fsync(f.fd) != 0) {
        const int err = errno;
        discard();
        fail(target, "fsync failed", err);
    }
    const int fd = std::exchange(f.fd, -1);
    if (::close(fd) != 0) {  // NFS reports some write errors only here
        const int err = errno;
        discard();
        fail(target, "close failed", err);
    }
    if (::rename(f.temp.c_str(), target.c_str()) != 0) {
        const int err = errno;
        discard();
        fail(target, "cannot rename " + detail::quote(f.temp) + " over it", err);
    }
    f.state = Impl::State::committed;
    // Make the rename itself durable. Best effort: some file systems refuse fsync on
    // a folder, and the data is already safe in the renamed file.
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        (void)::fsync(dfd);
        (void)::close(dfd);
    }
}

void AtomicFile::discard() noexcept {
    if (!impl_ || impl_->state != Impl::State::open) return;
    if (impl_->fd >= 0) (void)::close(std::exchange(impl_->fd, -1));
    (void)::unlink(impl_->temp.c_str());
    impl_->state = Impl::State::discarded;
}

const fs::path& AtomicFile::target() const {
    STZ_REQUIRE(impl_, "AtomicFile::target(): moved-from object");
    return impl_->target;
}

const fs::path& AtomicFile::temp_path() const {
    STZ_REQUIRE(impl_, "AtomicFile::temp_path(): moved-from object");
    return impl_->temp;
}

bool AtomicFile::committed() const {
    return impl_ && impl_->state == Impl::State::committed;
}

void write_file_atomic(const fs::path& path, std::string_view content) {
    AtomicFile f(path);
    f.stream().write(content.data(), static_cast<std::streamsize>(content.size()));
    f.commit();
}

std::size_t remove_stale_temporaries(const fs::path& dir) {
    std::size_t removed = 0;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        const std::string name = entry.path().filename().string();
        // .NAME.tmp.PID.COUNTER (temp_sibling)
        if (name.size() < 2 || name[0] != '.') continue;
        const auto tmp = name.rfind(".tmp.");
        if (tmp == std::string::npos || tmp == 0) continue;
        const std::string rest = name.substr(tmp + 5);
        const auto dot = rest.find('.');
        if (dot == std::string::npos || dot == 0) continue;
        const std::string pid_text = rest.substr(0, dot), counter = rest.substr(dot + 1);
        const auto all_digits = [](const std::string& t) {
            return !t.empty() && t.size() < 19 &&
                   t.find_first_not_of("0123456789") == std::string::npos;
        };
        if (!all_digits(pid_text) || !all_digits(counter)) continue;
        const long pid = std::stol(pid_text);
        // Alive (or not ours to judge: EPERM) -> leave it.
        if (pid == ::getpid() || ::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH)
            continue;
        std::error_code rm;
        if (fs::remove(entry.path(), rm)) ++removed;
    }
    return removed;
}

void ensure_directory(const fs::path& dir) {
    STZ_REQUIRE(!dir.empty(), "cannot create a folder with an empty name");
    std::error_code ec;
    fs::create_directories(dir, ec);
    // Judge by the outcome, not by ec alone: create_directories reports a regular
    // file in the way inconsistently across library versions.
    std::error_code probe;
    if (fs::is_directory(dir, probe)) return;
    if (fs::exists(dir, probe)) {
        throw Error("cannot create folder " + detail::quote(dir) +
                    ": it exists and is not a folder");
    }
    throw Error("cannot create folder " + detail::quote(dir) + ": " +
                (ec ? ec.message() : std::string("unknown reason")));
}

}  // namespace stz
