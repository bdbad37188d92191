"""The local launcher names a port something else holds before it starts anything."""

import socket

import pytest
from platform_launcher import Platform, PlatformConfig


def test_a_held_port_is_named_with_its_process_and_nothing_starts() -> None:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        held = holder.getsockname()[1]
        # The held port is the evaluation worker's health port (its API's port + 100).
        platform = Platform(PlatformConfig(first_service_port=held - 101, gateway_port=held - 90,
                                           identity_port=held - 80))
        assert platform.ports()["evaluation-worker"] == held
        lines = [line for line in platform.busy_ports() if f"port {held} " in line]
        assert lines == [f"port {held} (evaluation-worker) is in use (Address already in use): "
                         f"see what holds it with `ss -tanp 'sport = :{held}'`"]
        with pytest.raises(RuntimeError, match=f"port {held} \\(evaluation-worker\\)"):
            platform.start()
        assert platform.processes == {}
    assert not [line for line in platform.busy_ports() if f"port {held} " in line]


def test_every_listener_of_the_platform_has_a_port_of_its_own() -> None:
    platform = Platform(PlatformConfig())
    ports = platform.ports()
    assert len(set(ports.values())) == len(ports)
    assert set(ports) == {*platform.commands()}
