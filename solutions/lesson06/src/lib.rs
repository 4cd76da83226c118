//! Lesson 06, solved. The exercise modules are this folder's own files; the
//! rest is the lesson's, shared by path so there is one copy of it.

#[path = "../../../lessons/lesson06/src/actor.rs"]
pub mod actor;
#[path = "../../../lessons/lesson06/src/framing.rs"]
pub mod framing;
#[path = "../../../lessons/lesson06/src/pipeline.rs"]
pub mod pipeline;
#[path = "../../../lessons/lesson06/src/pubsub.rs"]
pub mod pubsub;
#[path = "../../../lessons/lesson06/src/queues.rs"]
pub mod queues;
#[path = "../../../lessons/lesson06/src/servers.rs"]
pub mod servers;
#[path = "../../../lessons/lesson06/src/streams.rs"]
pub mod streams;

pub mod ex1_bounded_producer;
pub mod ex2_fan_in;
pub mod ex3_actor;
pub mod ex4_lagged;
pub mod ex5_hand_stream;
pub mod ex6_framed_reader;
