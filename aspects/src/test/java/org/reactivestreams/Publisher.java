package org.reactivestreams;

/** The Reactive Streams interface's name, without the library: what {@code MethodReader} matches. */
public interface Publisher {
}
