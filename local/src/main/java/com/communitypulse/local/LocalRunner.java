package com.communitypulse.local;

public final class LocalRunner {
    public static void main(String[] args) {
    }
}
