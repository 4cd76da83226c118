//! Exercise 07-3: the name check.
//!
//! A name is shown to every other client, before each of its messages, so
//! the server decides what a name may be. Trim the spaces around it. Then
//! refuse it, in this order, if it is
//! - empty: `BadName::Empty`;
//! - longer than `max` characters (characters, not bytes: `é` is one
//!   character but two bytes of UTF-8): `BadName::TooLong`;
//! - holding any control character (`char::is_control`): a newline would
//!   forge a second line in other clients' windows, an escape sequence
//!   would clear or recolour their terminal: `BadName::Control`;
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
//! - 含有任何控制字符（`char::is_control`）：换行符会在其他客户端的
//!   窗口里伪造出第二行，转义序列会清空或改变他们终端的颜色：
//!   `BadName::Control`；
//! - 在 `taken` 里（它保存的是小写的名字：`Bob` 不能冒充
//!   `bob`）：`BadName::Taken`。
//!
//! 否则返回去掉首尾空白后、按原样输入的名字（不转成小写）。
//!
//! 只编辑这个文件。用 `cargo test -p lesson07 ex3` 检查。

use std::collections::HashSet;

/// Why a name was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BadName {
    Empty,
    TooLong,
    Control,
    Taken,
}

pub fn check_name(asked: &str, max: usize, taken: &HashSet<String>) -> Result<String, BadName> {
    // TODO: trim, then the four checks above, in order.
    // TODO: 去掉首尾空白，然后按顺序做上面的四项检查。
    todo!()
}
