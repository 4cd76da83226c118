//! Exercise 07-3: the name check.
//!
//! A name is shown to every other client, before each of its messages, so
//! the server decides what a name may be. Trim the spaces around it. Then
//! refuse it, in this order, if it is
//! - empty: `BadName::Empty`;
//! - longer than `max` characters (characters, not bytes: `é` is one
//!   character but two bytes of UTF-8): `BadName::TooLong`;
//! - holding a character that is not seen: a control character
//!   (`char::is_control`: a newline would forge a second line in other
//!   clients' windows, an escape sequence would clear or recolour their
//!   terminal), an invisible format character (`lessonkit::is_invisible`:
//!   a zero-width space makes `ann\u{200B}` look exactly like `ann`, a
//!   right-to-left override makes the rest read backwards), or one of the
//!   joiners U+200C and U+200D, which `is_invisible` lets through for the
//!   scripts and emoji that need them but which hide just as well in a
//!   name: `BadName::Unseen`;
//! - starting with `*` or `!`, which begin the server's own lines (a
//!   client named `* server` could say `* server: you have been kicked`);
//!   further in, they are harmless: `BadName::ServerMark`;
//! - holding a colon anywhere: every message reads `NAME: TEXT`, so
//!   `ann: really` saying `hi` would read as ann saying `really: hi`:
//!   `BadName::Colon`;
//! - in `taken` (which holds names in lower case: `Bob` may not pose as
//!   `bob`): `BadName::Taken`.
//!
//! Otherwise return the trimmed name as typed (not lower-cased).
//!
//! Edit this file only. Check it with `cargo test -p lesson07 ex3`.
//!
//! 练习 07-3：检查名字。
//!
//! 名字会显示给其他每个客户端，出现在它的每条消息之前，所以由
//! 服务器决定名字可以是什么。去掉它首尾的空白。然后按下面的顺序，
//! 遇到以下情况就拒绝：
//! - 为空：`BadName::Empty`；
//! - 超过 `max` 个字符（是字符，不是字节：`é` 是一个字符，
//!   但在 UTF-8 里占两个字节）：`BadName::TooLong`；
//! - 含有看不见的字符：控制字符（`char::is_control`：换行符会在
//!   其他客户端的窗口里伪造出第二行，转义序列会清空或改变他们
//!   终端的颜色），不可见的格式字符（`lessonkit::is_invisible`：
//!   零宽空格让 `ann\u{200B}` 看起来和 `ann` 一模一样，从右到左
//!   覆盖符让其余部分倒过来显示），或者两个连接符 U+200C 和 U+200D
//!   之一，`is_invisible` 为需要它们的文字和 emoji 放行它们，
//!   但它们在名字里同样能藏身：`BadName::Unseen`；
//! - 以 `*` 或 `!` 开头（它们是服务器自己的行的开头，名叫
//!   `* server` 的客户端就能说出 `* server: you have been kicked`；
//!   出现在名字中间或末尾则无害）：`BadName::ServerMark`；
//! - 任何位置含有冒号：每条消息都是 `NAME: TEXT` 的样子，所以
//!   名叫 `ann: really` 的人说 `hi`，读起来就像 ann 说了
//!   `really: hi`：`BadName::Colon`；
//! - 在 `taken` 里（它保存的是小写的名字：`Bob` 不能冒充
//!   `bob`）：`BadName::Taken`。
//!
//! 否则返回去掉首尾空白后、按原样输入的名字（不转成小写）。
//!
//! 只编辑这个文件。用 `cargo test -p lesson07 ex3` 检查。

use std::collections::HashSet;

use lessonkit::is_invisible;

/// Why a name was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BadName {
    Empty,
    TooLong,
    Unseen,
    ServerMark,
    Colon,
    Taken,
}

pub fn check_name(asked: &str, max: usize, taken: &HashSet<String>) -> Result<String, BadName> {
    // TODO: trim, then the six checks above, in order.
    // TODO: 去掉首尾空白，然后按顺序做上面的六项检查。
    todo!()
}
