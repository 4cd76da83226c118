//! `asyncio.start_server` / `open_connection` → `tokio::net::TcpListener`
//! and `TcpStream`, split into a reader and a writer.

// ANCHOR: body
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

async fn handle(stream: TcpStream) -> std::io::Result<()> {
    let (reader, mut writer) = stream.into_split();
    let mut line = String::new();
    BufReader::new(reader).read_line(&mut line).await?;
    // Escaped: bytes from the network never reach the terminal raw.
    println!("server got '{}'", line.trim_end().escape_debug());
    writer.write_all(line.to_uppercase().as_bytes()).await
}

#[tokio::main(flavor = "current_thread")]
pub async fn main() -> std::io::Result<()> {
    let listener = TcpListener::bind("127.0.0.1:0").await?; // port 0: any free one
    let address = listener.local_addr()?;
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(handle(stream));
        }
    });

    let (reader, mut writer) = TcpStream::connect(address).await?.into_split();
    writer.write_all(b"hello\n").await?;
    let mut answer = String::new();
    BufReader::new(reader).read_line(&mut answer).await?;
    println!("client got '{}'", answer.trim_end().escape_debug());
    Ok(())
}
// ANCHOR_END: body
